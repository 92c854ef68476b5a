//go:build unix

package rdfio

import (
	"syscall"
	"time"
)

// processCPUTime is the CPU time the process has used. Benchmarks report
// throughput per CPU second too, because wall time on a shared machine
// measures the neighbours as much as the code.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
