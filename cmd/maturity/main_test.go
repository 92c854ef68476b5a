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
	// Commands run in their default language, Dutch, whatever the
	// locale of the machine; tests of English set LANG themselves.
	os.Setenv("LANG", "nl_BE.UTF-8")
	os.Exit(m.Run())
}
