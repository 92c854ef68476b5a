package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// StrictEnv is the environment variable that makes a missing tool fail
// the test instead of skipping it. ./test.sh sets it; so does CI=true.
const StrictEnv = "MATURITY_STRICT"

// Strict reports whether missing tools fail tests (./test.sh, CI) rather
// than skip them (a quick `go test` on a developer machine).
func Strict() bool { return os.Getenv(StrictEnv) != "" || os.Getenv("CI") != "" }

// Require returns the path of the named program, or skips (fails when
// Strict).
func Require(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name+" not on PATH (./test.sh installs it or says how)")
	}
	return p
}

// NodeModules returns the project's tools/node/node_modules directory after
// checking that pkg is installed there (npm ci in tools/node).
func NodeModules(t testing.TB, pkg string) string {
	t.Helper()
	Require(t, "node")
	dir := filepath.Join(RepoRoot(t), "tools", "node", "node_modules")
	if _, err := os.Stat(filepath.Join(dir, pkg)); err != nil {
		missing(t, "npm package "+pkg+" not installed: run npm ci in tools/node (./test.sh does)")
	}
	return dir
}

// RepoRoot returns the module's root directory.
func RepoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Testdata returns the path of elem under the repository's testdata/
// folder, where the conformance suites live (see testdata/README.md). The
// folder is part of the repository, so a missing file fails the test on
// every machine.
func Testdata(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{RepoRoot(t), "testdata"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("test data %s missing: %v", p, err)
	}
	return p
}

func missing(t testing.TB, why string) {
	t.Helper()
	if Strict() {
		t.Fatalf("required by the full test run: %s", why)
	}
	t.Skip(why)
}

// FigurePrefix marks a log line as one of the figures the README quotes.
const FigurePrefix = "FIGURE "

// Figure logs one of the figures the README quotes (a suite's pass count,
// a validator's verdict), marked so that ./test.sh gathers it into the
// summary it prints at the end.
func Figure(t testing.TB, format string, args ...any) {
	t.Helper()
	t.Logf(FigurePrefix+format, args...)
}

// Python returns a Python 3 interpreter that can import module, preferring
// the system one (/usr/bin/python3, where Debian's python3-rdflib lives)
// over whatever a version manager puts first on PATH.
func Python(t testing.TB, module string) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import "+module).Run() == nil {
			return path
		}
	}
	missing(t, "no python3 that can import "+module+" (Debian: python3-rdflib)")
	return ""
}
