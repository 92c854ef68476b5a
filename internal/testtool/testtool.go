package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Require returns the path of the named program, or skips (fails in CI).
func Require(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name+" not on PATH")
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
		missing(t, "npm package "+pkg+" not installed: run npm ci in tools/node")
	}
	return dir
}

// RepoRoot returns the module's root directory.
func RepoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Shared returns the path of ../shared (the read-only conformance suites and
// research notes beside the repository), skipping when it is absent.
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{RepoRoot(t), "..", "shared"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		missing(t, p+" not found")
	}
	return p
}

func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("required in CI: %s", why)
	}
	t.Skip(why)
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
