package main

import (
	"os"
	"testing"
)

// TestMain lets the test binary run as the maturity command itself (with
// MATURITY_AS_MAIN=1), so that tests can start `serve` as a process of its
// own, count its file descriptors and kill it with SIGKILL, without a
// separate build.
func TestMain(m *testing.M) {
	if os.Getenv("MATURITY_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}
