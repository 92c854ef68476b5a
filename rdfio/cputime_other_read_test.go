//go:build !unix

package rdfio

import "time"

// processCPUTime is unknown here; the benchmarks then skip the metric.
func processCPUTime() time.Duration { return 0 }
