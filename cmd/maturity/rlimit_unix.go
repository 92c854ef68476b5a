//go:build unix

package main

import (
	"log/slog"
	"syscall"
)

// warnFileLimit warns when the process may open fewer files than
// --max-conns needs (Go raises the soft limit to the hard one at start).
func warnFileLimit(conns int, log *slog.Logger) {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return
	}
	if need := uint64(conns) + 64; rl.Cur < need {
		log.Warn("the file limit is below --max-conns plus what the store and dumps need; lower --max-conns or raise the limit (ulimit -n)", "limit", rl.Cur, "max-conns", conns)
	}
}
