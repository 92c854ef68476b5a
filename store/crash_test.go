package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

// The kill -9 test re-runs this test binary as a child that imports a large
// batch into a store and reports its progress on stdout; the parent kills it
// with SIGKILL at a chosen point and then checks the store.
const (
	crashEnvPath   = "MATURITY_STORE_CRASH_CHILD"  // store file the child imports into
	crashEnvBudget = "MATURITY_STORE_CRASH_BUDGET" // the child's ImportMemory
	crashQuads     = 200_000
	crashBase      = 1000
)

// crashQuad is the i-th quad of the child's import.
func crashQuad(i int) rdf.Quad {
	return rdf.Quad{
		S: rdf.IRI(fmt.Sprintf("http://example.org/crash/s%d", i/7)),
		P: rdf.IRI(fmt.Sprintf("http://example.org/crash/p%d", i%7)),
		O: rdf.TypedLiteral(fmt.Sprint(i), rdf.XSDInteger),
		G: rdf.IRI(fmt.Sprintf("http://example.org/crash/g%d", i%3)),
	}
}

// TestMain runs the child's side of TestImportKill9 instead of the tests
// when the parent asks for it, and otherwise the tests.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashEnvPath); path != "" {
		crashChild(path)
		return
	}
	os.Exit(m.Run())
}

// crashChild imports into the store at path, reporting its progress on
// stdout, and waits to be killed.
func crashChild(path string) {
	budget, _ := strconv.ParseInt(os.Getenv(crashEnvBudget), 10, 64)
	s, err := Open(path, &Options{ImportMemory: budget}) // durable commits, as in production
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	s.beforeCommit = func() { fmt.Println("committing") }
	built := 0
	s.buildProgress = func(int64) {
		if built++; built == 1 {
			fmt.Println("building")
		}
	}
	_, err = s.Import(context.Background(), func(emit func(rdf.Quad) error) error {
		for i := range crashQuads {
			if err := emit(crashQuad(i)); err != nil {
				return err
			}
			if i%10_000 == 0 {
				fmt.Printf("progress %d\n", i)
			}
		}
		fmt.Println("emitted")
		return nil
	})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	fmt.Println("committed")
	time.Sleep(time.Hour) // wait for the kill
}

// TestImportKill9 kills a child process at several points of a large import
// and checks that the store then opens, passes Check, and holds either all
// of the import or none of it (all of it once the commit was reported). A
// first run measures how long the commit takes, so that the kills inside
// the commit land at fixed fractions of it on any machine.
//
// It runs twice: as a one-transaction import, and as a bulk import (a 4 MiB
// budget), where the kills land while runs are spilled, while the new file
// is built in many transactions, and around its rename into place; there
// the reopened store must also have removed the half-built file.
func TestImportKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, mode := range []struct {
		name   string
		budget int64
	}{{"one transaction", 0}, {"bulk", 4 << 20}} {
		t.Run(mode.name, func(t *testing.T) {
			commit := crashRun(t, mode.budget, "committed", 0, "all")
			t.Logf("commit of %d quads took %v", crashQuads, commit)
			tests := []struct {
				name  string
				at    string        // stdout line at which to kill
				delay time.Duration // extra wait after it, to land inside the commit
				want  string        // "none", "all" or "either"
			}{
				{"early in the stream", "progress 20000", 0, "none"},
				{"mid stream", "progress 100000", 0, "none"},
				{"end of stream", "emitted", 0, "none"},
				{"commit starts", "committing", 0, "either"},
			}
			if mode.budget > 0 {
				tests = append(tests, struct {
					name  string
					at    string
					delay time.Duration
					want  string
				}{"building the new file", "building", 0, "none"})
			}
			start := "committing"
			if mode.budget > 0 {
				start = "emitted" // the build spans from here to the rename
			}
			fractions := []float64{0.2, 0.4, 0.6, 0.8, 0.95}
			if mode.budget > 0 {
				fractions = []float64{0.3, 0.6, 0.9}
			}
			for _, f := range fractions {
				tests = append(tests, struct {
					name  string
					at    string
					delay time.Duration
					want  string
				}{fmt.Sprintf("at %.0f%% of the commit", 100*f), start, time.Duration(f * float64(commit)), "either"})
			}
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					crashRun(t, mode.budget, tc.at, tc.delay, tc.want)
				})
			}
		})
	}
}

// crashRun runs one child, kills it delay after it printed line at, checks
// the store and returns how long the child took from "committing" (for a
// bulk import: "emitted") to "committed" (if it got that far).
func crashRun(t *testing.T, budget int64, at string, delay time.Duration, want string) time.Duration {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var base []rdf.Quad
	for i := range crashBase {
		base = append(base, rdf.Triple(rdf.IRI(fmt.Sprintf("http://example.org/base/%d", i)), rdf.IRI("http://example.org/p"), rdf.Literal("basis")))
	}
	if err := s.Add(context.Background(), base); err != nil {
		t.Fatal(err)
	}
	s.Close()

	cmd := exec.Command(exe, "-test.run=^$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnvPath+"="+path, fmt.Sprintf("%s=%d", crashEnvBudget, budget))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	reached := false
	var committing, commitTook time.Duration
	begin := time.Now()
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "error"):
			t.Errorf("child: %s", line)
		case line == "committing" && budget == 0, line == "emitted" && budget > 0:
			committing = time.Since(begin)
		case line == "committed":
			commitTook = time.Since(begin) - committing
		}
		if line == at {
			reached = true
			break
		}
	}
	if delay > 0 {
		time.Sleep(delay)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	go func() {
		for sc.Scan() { // keep the pipe drained until the child is gone
		}
	}()
	cmd.Wait()
	if !reached {
		t.Fatalf("child ended before printing %q", at)
	}

	s, err = Open(path, nil)
	if err != nil {
		t.Fatalf("store does not open after kill -9: %v", err)
	}
	defer s.Close()
	if err := s.Check(context.Background()); err != nil {
		t.Fatalf("store fails Check after kill -9: %v", err)
	}
	v := snapshot(t, s)
	st, err := v.Stats()
	v.Close()
	if err != nil {
		t.Fatal(err)
	}
	got := "none"
	switch st.Quads {
	case crashBase:
	case crashBase + crashQuads:
		got = "all"
	default:
		t.Fatalf("store holds %d quads: neither the %d before the import nor the %d after", st.Quads, crashBase, crashBase+crashQuads)
	}
	if want != "either" && got != want {
		t.Fatalf("store holds %s of the import, want %s", got, want)
	}
	t.Logf("killed %v after %q: store holds %s of the import", delay, at, got)
	noLeftovers(t, s)
	// The surviving store must take writes again.
	if err := s.Add(context.Background(), []rdf.Quad{crashQuad(-1)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	return commitTook
}
