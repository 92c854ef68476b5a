package evidence

import (
	"context"
	"testing"
	"time"

	"github.com/stadleuven/maturity/evidence/evidencetest"
	"github.com/stadleuven/maturity/internal/webfetch"
)

// scoreGenerated serves n generated datasets on loopback and scores them
// with URL checks.
func scoreGenerated(t testing.TB, n int, seed uint64) (*evidencetest.Server, *Result) {
	t.Helper()
	srv, err := evidencetest.Start(n, seed)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	client := webfetch.New(webfetch.Options{AllowPrivate: true, PerHost: 16})
	ctx := context.Background()
	c, err := Load(ctx, srv.Catalog, LoadOptions{Client: client})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Score(ctx, c, Options{CheckURLs: true, Client: client, Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return srv, r
}

// TestKnownTruth: on 1,000 generated datasets of mixed quality, served on
// loopback, every dataset gets exactly the stars and MQA points the
// generator built it to have.
func TestKnownTruth(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	srv, r := scoreGenerated(t, n, 1)
	truth := srv.Truth()
	if len(r.Datasets) != n {
		t.Fatalf("%d datasets scored, want %d", len(r.Datasets), n)
	}
	var levels [6]int
	wrong := 0
	for _, d := range r.Datasets {
		want, ok := truth[d.ID]
		if !ok {
			t.Fatalf("scored unknown dataset %s", d.ID)
		}
		levels[want.Stars]++
		if d.Stars != want.Stars || d.MQA != want.MQA {
			wrong++
			if wrong <= 10 {
				t.Errorf("%s: %d stars %d points, want %d stars %d points", d.ID, d.Stars, d.MQA, want.Stars, want.MQA)
			}
		}
	}
	if wrong > 0 {
		t.Fatalf("%d of %d datasets wrong", wrong, n)
	}
	for s, c := range levels {
		if c < n/10 {
			t.Errorf("only %d datasets of %d stars: the generator does not cover every level", c, s)
		}
	}
	t.Logf("%d datasets exact; per star level %v; mean MQA %.1f", n, levels, r.Indicators.MeanMQA)
}
