package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
	crashEnvPath = "MATURITY_STORE_CRASH_CHILD" // store file the child imports into
	crashQuads   = 200_000
	crashBase    = 1000
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

// TestCrashChild is the child's side; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnvPath)
	if path == "" {
		t.Skip("only run as the child of TestImportKill9")
	}
	s, err := Open(path, nil) // durable commits, as in production
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
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
// of the import or none of it (all of it once the commit was reported).
func TestImportKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		at    string        // stdout line at which to kill
		delay time.Duration // extra wait after it, to land inside the commit
		want  string        // "none", "all" or "either"
	}{
		{"early in the stream", "progress 20000", 0, "none"},
		{"mid stream", "progress 100000", 0, "none"},
		{"end of stream", "emitted", 0, "either"},
		{"during commit", "emitted", 300 * time.Millisecond, "either"},
		{"late commit", "emitted", 900 * time.Millisecond, "either"},
		{"after commit", "committed", 0, "all"},
	}
	counts := map[string]int{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
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

			cmd := exec.Command(exe, "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashEnvPath+"="+path)
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
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "error") {
					t.Errorf("child: %s", line)
				}
				if line == tc.at {
					reached = true
					break
				}
			}
			if tc.delay > 0 {
				time.Sleep(tc.delay)
			}
			cmd.Process.Signal(syscall.SIGKILL)
			go func() {
				for sc.Scan() { // keep the pipe drained until the child is gone
				}
			}()
			cmd.Wait()
			if !reached {
				t.Fatalf("child ended before printing %q", tc.at)
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
			if tc.want != "either" && got != tc.want {
				t.Fatalf("store holds %s of the import, want %s", got, tc.want)
			}
			counts[got]++
			// The surviving store must take writes again.
			if err := s.Add(context.Background(), []rdf.Quad{crashQuad(-1)}); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Logf("kill -9 outcomes: %d with none of the import, %d with all of it", counts["none"], counts["all"])
}
