// Command testsummary reads `go test -json` on stdin and prints what a
// person needs from a long test run: each package as it finishes, the
// output of every failed test, the figures the tests mark with
// testtool.Figure (the suite counts the README quotes), and the number of
// tests run, passed, failed and skipped. ./test.sh pipes both of its runs
// through it.
//
// It exits 1 when a test or a package failed, and also when a test was
// skipped, unless -skips=allow; with -covered-by LOG (the JSON of an
// earlier run) a skip is allowed only for a test that passed in that run,
// which is how the -short race run proves it left out nothing untested.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

const figurePrefix = "FIGURE " // testtool.FigurePrefix

func main() {
	label := flag.String("label", "go test", "name of the run in the summary")
	skips := flag.String("skips", "fail", "what a skipped test does: fail or allow")
	coveredBy := flag.String("covered-by", "", "JSON log of a run in which every test skipped here must have passed")
	flag.Parse()
	var passedBefore map[string]bool
	if *coveredBy != "" {
		f, err := os.Open(*coveredBy)
		if err != nil {
			fmt.Fprintln(os.Stderr, "testsummary:", err)
			os.Exit(2)
		}
		passedBefore = read(f, io.Discard).passed
		f.Close()
	}
	r := read(os.Stdin, os.Stdout)
	os.Exit(r.report(os.Stdout, *label, *skips == "allow", passedBefore))
}

// run is what a test run came to.
type run struct {
	passed        map[string]bool // package + " " + test
	failed        []string
	skipped       []string // with the reason
	failedPkgs    []string
	figures       map[string][]string // package → figure lines
	pkgOrder      []string
	tests, pkgsOK int
}

// read consumes the events, printing progress and failures to w.
func read(in io.Reader, w io.Writer) *run {
	r := &run{passed: map[string]bool{}, figures: map[string][]string{}}
	output := map[string][]string{} // package + " " + test → its output lines
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			fmt.Fprintln(w, sc.Text()) // not test2json: say it as it is
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output", "build-output":
			output[key] = append(output[key], e.Output)
			if _, fig, ok := strings.Cut(e.Output, figurePrefix); ok {
				if len(r.figures[e.Package]) == 0 {
					r.pkgOrder = append(r.pkgOrder, e.Package)
				}
				r.figures[e.Package] = append(r.figures[e.Package], strings.TrimRight(fig, "\n"))
			}
		case "pass":
			if e.Test == "" {
				r.pkgsOK++
				fmt.Fprintf(w, "ok   %-50s %7.1fs\n", e.Package, e.Elapsed)
				break
			}
			r.tests++
			r.passed[key] = true
		case "fail", "build-fail":
			if e.Test == "" {
				r.failedPkgs = append(r.failedPkgs, e.Package)
				fmt.Fprintf(w, "FAIL %-50s %7.1fs\n", e.Package, e.Elapsed)
				// Tests that never finished (a panic, a timeout) hold
				// the reason.
				var open []string
				for k := range output {
					if p, _, _ := strings.Cut(k, " "); p == e.Package && k != key {
						open = append(open, k)
					}
				}
				sort.Strings(open)
				for _, k := range open {
					fmt.Fprintf(w, "--- unfinished: %s\n%s", k, indent(output[k]))
				}
				fmt.Fprint(w, indent(output[key]))
				break
			}
			r.tests++
			r.failed = append(r.failed, key)
			fmt.Fprintf(w, "--- FAIL %s %s\n%s", e.Package, e.Test, indent(output[key]))
			delete(output, key)
		case "skip":
			if e.Test == "" {
				break // a package without tests
			}
			r.tests++
			r.skipped = append(r.skipped, key+": "+skipReason(output[key]))
		}
		if e.Action == "pass" || e.Action == "skip" {
			delete(output, key)
		}
	}
	return r
}

// report prints the summary and returns the exit code.
func (r *run) report(w io.Writer, label string, allowSkips bool, passedBefore map[string]bool) int {
	fmt.Fprintf(w, "\n== %s: figures\n", label)
	for _, p := range r.pkgOrder {
		fmt.Fprintf(w, "%s\n", p)
		for _, f := range r.figures[p] {
			fmt.Fprintf(w, "    %s\n", f)
		}
	}
	code := 0
	var uncovered []string
	for _, s := range r.skipped {
		key, _, _ := strings.Cut(s, ": ")
		if passedBefore != nil && !passedBefore[key] {
			uncovered = append(uncovered, s)
		}
	}
	fmt.Fprintf(w, "\n== %s: %d tests (subtests included): %d passed, %d failed, %d skipped; %d packages ok, %d failed\n",
		label, r.tests, len(r.passed), len(r.failed), len(r.skipped), r.pkgsOK, len(r.failedPkgs))
	if len(r.skipped) > 0 {
		sort.Strings(r.skipped)
		fmt.Fprintf(w, "skipped:\n    %s\n", strings.Join(r.skipped, "\n    "))
		switch {
		case passedBefore != nil && len(uncovered) == 0:
			fmt.Fprintf(w, "every skipped test passed in the run before\n")
		case passedBefore != nil:
			fmt.Fprintf(w, "FAIL: skipped here and not passed in the run before:\n    %s\n", strings.Join(uncovered, "\n    "))
			code = 1
		case !allowSkips:
			fmt.Fprintf(w, "FAIL: a skipped test is a check that did not run\n")
			code = 1
		}
	}
	if len(r.failed) > 0 || len(r.failedPkgs) > 0 {
		sort.Strings(r.failed)
		fmt.Fprintf(w, "FAIL: %s\n", strings.Join(append(r.failedPkgs, r.failed...), "\n      "))
		code = 1
	}
	return code
}

// skipReason finds the message of t.Skip in a skipped test's output.
func skipReason(lines []string) string {
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "=== ") && !strings.HasPrefix(l, "--- SKIP") {
			return l
		}
	}
	return "(no reason given)"
}

func indent(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("    " + l)
	}
	return b.String()
}
