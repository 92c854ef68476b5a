// Command truthserver serves a generated catalog with known truth on
// loopback until interrupted, and writes the truth as the CSV that
// `maturity evidence --format csv` prints, so the two can be compared
// with diff:
//
//	go run ./evidence/evidencetest/truthserver -n 1000 -truth /tmp/truth.csv &
//	time go run ./cmd/maturity evidence URL --org 24062 --check-urls --allow-private --format csv > /tmp/evidence.csv
//	diff /tmp/truth.csv /tmp/evidence.csv
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sort"

	"github.com/stadleuven/maturity/evidence/evidencetest"
)

func main() {
	n := flag.Int("n", 1000, "number of datasets")
	seed := flag.Uint64("seed", 42, "seed of the generator")
	truth := flag.String("truth", "", "write the truth as CSV (dataset,stars,mqa_points,mqa_band) to this file")
	flag.Parse()
	s, err := evidencetest.Start(*n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer s.Close()
	if *truth != "" {
		if err := writeTruth(*truth, s.Truth()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	fmt.Println(s.Catalog)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	<-sig
}

func writeTruth(path string, truth map[string]evidencetest.Truth) error {
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	fmt.Fprintln(f, "dataset,stars,mqa_points,mqa_band")
	for _, id := range ids {
		t := truth[id]
		fmt.Fprintf(f, "%s,%d,%d,%s\n", id, t.Stars, t.MQA, evidencetest.Band(t.MQA))
	}
	return f.Close()
}
