package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOpenLocked checks that a second writer on the same file fails within
// its timeout and says why, rather than bbolt's bare "timeout".
func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "maturity.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Open(path, &Options{Timeout: 50 * time.Millisecond})
	if err == nil {
		t.Fatal("second Open of a locked file succeeded")
	}
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("error %q: want ErrLocked, explained", err)
	}
}
