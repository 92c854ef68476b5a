package store

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
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
	n, err := s.Backup(&buf)
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
	if _, err := s.Backup(&buf); err != nil {
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
