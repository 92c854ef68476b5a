package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBackupThroughServer checks the online backup of issue 11: while
// `maturity serve` runs (and holds the store's lock), `maturity backup`
// gets a consistent copy through the server's admin socket; the copy
// restores into a store that passes check and holds what was published
// before the backup. The socket sits in a directory only the owner may
// enter and is gone when serve stops.
func TestBackupThroughServer(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	p := startServeProc(t, data)
	base, err := resolveBase(data, "")
	if err != nil {
		t.Fatal(err)
	}
	pub := newPublisher(t, p.base, base)
	// Two years the examples do not hold, within what the form accepts
	// (2000 to next year).
	before, after := time.Now().Year()-10, time.Now().Year()-11
	if code, err := pub.publish(context.Background(), "99991", before, 1); err != nil || code != http.StatusSeeOther {
		t.Fatalf("publish: %d %v", code, err)
	}
	fi, err := os.Stat(filepath.Join(data, adminDir))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("admin directory mode %v, want 0700", fi.Mode().Perm())
	}

	out := filepath.Join(t.TempDir(), "backup.db")
	var stdout, stderr strings.Builder
	if code := run(context.Background(), []string{"backup", "--data", data, out}, stdio{out: &stdout, err: &stderr}); code != 0 {
		t.Fatalf("backup while serving: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "wrote "+out) {
		t.Errorf("backup said %q", stderr.String())
	}
	// The server goes on publishing after the backup.
	if code, err := pub.publish(context.Background(), "99991", after, 2); err != nil || code != http.StatusSeeOther {
		t.Fatalf("publish after the backup: %d %v", code, err)
	}

	p.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := os.Stat(adminSocketPath(data)); !os.IsNotExist(err) {
		t.Errorf("the admin socket is left after serve stopped: %v", err)
	}

	restored := filepath.Join(t.TempDir(), "restored")
	runCases(t, []cliCase{
		{"restore the online backup", []string{"restore", "--data", restored, out}, 0, "", ""},
		{"check it", []string{"check", "--data", restored}, 0, "ok", ""},
		{"it holds the publish before the backup", []string{"stats", "--data", restored}, 0, fmt.Sprintf("graph/evaluatie/99991/%d/v1", before), ""},
	})
	var st strings.Builder
	run(context.Background(), []string{"stats", "--data", restored}, stdio{out: &st, err: &st})
	if strings.Contains(st.String(), fmt.Sprintf("graph/evaluatie/99991/%d", after)) {
		t.Error("the backup holds a publish made after it")
	}
}
