// Command qperf times SPARQL queries in-process over a store, without HTTP,
// for profiling the query engine: each query runs --repeat times on one
// snapshot, every row is read (and its terms decoded), and the best wall
// and CPU time are printed per query, with their geometric means.
//
//	go run ./bench/qperf --store /tmp/perf/store1m/maturity.db --repeat 7 bench/queries/*.rq
//	go run ./bench/qperf --store ... --cpuprofile cpu.out --repeat 20 q5.rq
//
// The store file is the one `maturity import --data DIR` writes
// (DIR/maturity.db). --explain prints each query's plan first.
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/store"
)

func main() {
	path := flag.String("store", "", "store file (maturity.db)")
	repeat := flag.Int("repeat", 5, "runs per query")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of all runs to this file")
	explain := flag.Bool("explain", false, "print each query's plan")
	rows := flag.Bool("rows", false, "print the row count of each query")
	tables := flag.Int64("table-cache", 0, "keep hash tables between runs in a cache of this many bytes (0: none, as in a fresh process)")
	flag.Parse()
	if *path == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: qperf --store FILE [--repeat N] [--cpuprofile F] [--explain] QUERY.rq...")
		os.Exit(2)
	}
	opts := sparql.ExecOptions{}
	if *tables > 0 {
		opts.Tables = sparql.NewTableCache(*tables)
	}
	if err := run(*path, opts, *repeat, *cpuprofile, *explain, *rows, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "qperf:", err)
		os.Exit(1)
	}
}

func run(path string, opts sparql.ExecOptions, repeat int, cpuprofile string, explain, showRows bool, files []string) error {
	st, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	snap, err := st.Snapshot()
	if err != nil {
		return err
	}
	defer snap.Close()
	ctx := context.Background()
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var logWall, logCPU float64
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(filepath.Base(file), ".rq")
		q, err := sparql.Parse(string(text), sparql.ParseOptions{})
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if explain {
			plan, err := sparql.ExplainPlan(ctx, snap, q, opts)
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			fmt.Printf("== %s\n%s\n", name, plan)
		}
		bestWall, bestCPU := math.Inf(1), math.Inf(1)
		n := 0
		for range repeat {
			c0, t0 := cpuTime(), time.Now()
			n, err = count(ctx, snap, q, opts)
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			wall, cpu := float64(time.Since(t0).Microseconds())/1000, (cpuTime()-c0)*1000
			bestWall, bestCPU = math.Min(bestWall, wall), math.Min(bestCPU, cpu)
		}
		logWall += math.Log(bestWall)
		logCPU += math.Log(math.Max(bestCPU, 0.01))
		line := fmt.Sprintf("%-32s wall %8.2f ms  cpu %8.2f ms", name, bestWall, bestCPU)
		if showRows {
			line += fmt.Sprintf("  rows %d", n)
		}
		fmt.Println(line)
	}
	k := float64(len(files))
	fmt.Printf("%-32s wall %8.2f ms  cpu %8.2f ms\n", "geometric mean", math.Exp(logWall/k), math.Exp(logCPU/k))
	return nil
}

// count runs q and reads every row, decoding its terms as a client would.
func count(ctx context.Context, snap *store.Snapshot, q *sparql.Query, opts sparql.ExecOptions) (int, error) {
	res, err := sparql.Exec(ctx, snap, q, opts)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	n := 0
	for res.Next() {
		_ = res.Row()
		n++
	}
	return n, res.Err()
}

// cpuTime is the process's user and system CPU time in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
