package store

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBackupRestore backs up a store while a writer keeps writing, restores
// the backup over another file, and checks the restored store holds the
// state as of the backup.
func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	r := rand.New(rand.NewPCG(13, 14))
	if err := s.Add(ctx, randomQuads(r, 3000)); err != nil {
		t.Fatal(err)
	}
	want := allQuads(t, s)
	var buf bytes.Buffer
	done := make(chan error)
	go func() {
		// Writes during the backup must not show up in it.
		for range 5 {
			if err := s.Add(ctx, randomQuads(r, 200)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	v := snapshot(t, s) // pin the state the backup must show
	n, err := s.Backup(ctx, &buf)
	v.Close()
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("Backup = %d, %v (buffer %d)", n, err, buf.Len())
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "restored.db")
	if err := os.WriteFile(target, []byte("old contents"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Restore(target, bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	rs, err := Open(target, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if err := rs.Check(ctx); err != nil {
		t.Fatal(err)
	}
	got := allQuads(t, rs)
	// The backup may include some of the concurrent writes (it starts after
	// the first ones committed) but must include everything before it.
	for q := range want {
		if !got[q] {
			t.Errorf("restored store lacks %v", q)
		}
	}
	if len(got) < len(want) {
		t.Errorf("restored %d quads, want at least %d", len(got), len(want))
	}
}

// TestRestoreRejectsDamage checks that a damaged backup leaves the target
// untouched.
func TestRestoreRejectsDamage(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if err := s.Add(ctx, randomQuads(rand.New(rand.NewPCG(15, 16)), 500)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := s.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "keep.db")
	os.WriteFile(target, []byte("precious"), 0o644)
	for name, data := range map[string][]byte{
		"truncated": buf.Bytes()[:buf.Len()/2],
		"garbage":   bytes.Repeat([]byte{0xA5}, 64<<10),
	} {
		if err := Restore(target, bytes.NewReader(data)); err == nil {
			t.Errorf("%s backup restored without error", name)
		}
		if b, _ := os.ReadFile(target); string(b) != "precious" {
			t.Errorf("%s backup changed the target", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("restore left files behind: %v", entries)
	}
}

// TestRestoreRefusesWhileOpen checks that Restore takes the store's lock: it
// refuses while a store (a server) has the file open, says so, and leaves
// the file and the directory as they were.
func TestRestoreRefusesWhileOpen(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if err := s.Add(ctx, randomQuads(rand.New(rand.NewPCG(1, 2)), 300)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := s.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(s.Path())
	err := Restore(s.Path(), bytes.NewReader(buf.Bytes()))
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "maturity serve") {
		t.Fatalf("Restore over an open store = %v, want ErrLocked naming the server", err)
	}
	if after, _ := os.ReadFile(s.Path()); !bytes.Equal(before, after) {
		t.Error("refused Restore changed the file")
	}
	noLeftovers(t, s)
	if err := s.Add(ctx, randomQuads(rand.New(rand.NewPCG(3, 4)), 10)); err != nil {
		t.Fatal(err) // the store goes on working
	}
}

// TestRestoreWaiter checks that a process waiting for the lock while a
// restore runs opens the restored file, not the old one that the restore
// renamed away (it would get that file's lock once the restore let go).
func TestRestoreWaiter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	old, err := Open(path, &Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Add(ctx, randomQuads(rand.New(rand.NewPCG(5, 6)), 50)); err != nil {
		t.Fatal(err)
	}
	old.Close()
	src := openTemp(t)
	restored := randomQuads(rand.New(rand.NewPCG(7, 8)), 400)
	if err := src.Add(ctx, restored); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := src.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	gate := make(chan struct{})
	restoreDone := make(chan error, 1)
	go func() {
		restoreDone <- Restore(path, io.MultiReader(gateReader{gate}, bytes.NewReader(buf.Bytes())))
	}()
	time.Sleep(100 * time.Millisecond) // Restore holds the lock, waiting for its input
	opened := make(chan *Store, 1)
	go func() {
		s, err := Open(path, &Options{NoSync: true, Timeout: 10 * time.Second})
		if err != nil {
			t.Error(err)
		}
		opened <- s
	}()
	time.Sleep(100 * time.Millisecond)
	close(gate)
	if err := <-restoreDone; err != nil {
		t.Fatal(err)
	}
	s := <-opened
	if s == nil {
		return
	}
	defer s.Close()
	want := allQuads(t, src)
	sameSet(t, s, want)
}

// gateReader blocks until its channel closes, then reports EOF.
type gateReader struct{ gate chan struct{} }

func (g gateReader) Read([]byte) (int, error) {
	<-g.gate
	return 0, io.EOF
}
