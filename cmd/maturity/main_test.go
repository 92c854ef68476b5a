package main

import (
	"os"
	"testing"
)

// TestMain runs the commands in their default language, Dutch, whatever
// the locale of the machine; tests of English set LANG themselves.
func TestMain(m *testing.M) {
	os.Setenv("LANG", "nl_BE.UTF-8")
	os.Exit(m.Run())
}
