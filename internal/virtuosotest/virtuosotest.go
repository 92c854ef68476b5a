// Package virtuosotest starts a throw-away Virtuoso (the Debian package
// virtuoso-opensource, 7.2.5) on loopback for a test: a fresh database in
// the test's temporary directory, its own virtuoso.ini (after
// ~/.cache/maturity-peers/start-virtuoso.sh, copied here so that a clone
// needs nothing else), free ports, and a kill by PID when the test ends.
// ./test.sh installs the package as root, or stops naming it.
package virtuosotest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/testtool"
)

// Server is a running Virtuoso.
type Server struct {
	URL     string // http://127.0.0.1:PORT, /sparql below it
	SQLPort int
	Dir     string
	PID     int
	// The DBA account (a fresh database's default), for the -auth endpoints.
	User, Password string
}

// ini is the configuration, loopback only, small buffers: a test
// instance, not a benchmark one.
const ini = `[Database]
DatabaseFile       = {{DIR}}/virtuoso.db
ErrorLogFile       = {{DIR}}/virtuoso.log
LockFile           = {{DIR}}/virtuoso.lck
TransactionFile    = {{DIR}}/virtuoso.trx
xa_persistent_file = {{DIR}}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {{DIR}}/virtuoso-temp.db
TransactionFile    = {{DIR}}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{{SQL}}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 20
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., {{DIR}}
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxMemPoolSize           = 40000000
MaxQueryMem              = 256M
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = {{BUFFERS}}
MaxDirtyBuffers          = {{DIRTY}}

[HTTPServer]
ServerPort                  = 127.0.0.1:{{HTTP}}
ServerRoot                  = {{VSP}}
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[URIQA]
DynamicLocal = 0
DefaultHost  = 127.0.0.1:{{HTTP}}

[SPARQL]
ResultSetMaxRows           = 10000000
MaxSortedTopRows           = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
`

// Start starts Virtuoso for t and stops it when t ends. A missing
// virtuoso-t skips t, or fails it in the full run.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := testtool.Require(t, "virtuoso-t")
	dir := t.TempDir()
	httpPort, sqlPort := freePort(t), freePort(t)
	buffers := 10000 // 8 KiB pages: 80 MB
	repl := map[string]string{
		"{{DIR}}": dir, "{{SQL}}": strconv.Itoa(sqlPort), "{{HTTP}}": strconv.Itoa(httpPort),
		"{{BUFFERS}}": strconv.Itoa(buffers), "{{DIRTY}}": strconv.Itoa(buffers * 3 / 4),
		"{{VSP}}": "/var/lib/virtuoso-opensource-7/vsp",
	}
	conf := ini
	for k, v := range repl {
		conf = strings.ReplaceAll(conf, k, v)
	}
	cfg := filepath.Join(dir, "virtuoso.ini")
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	log, err := os.Create(filepath.Join(dir, "stdout.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "+foreground", "+configfile", cfg)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); log.Close() }()
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", httpPort), SQLPort: sqlPort, Dir: dir, PID: cmd.Process.Pid, User: "dba", Password: "dba"}
	t.Cleanup(func() {
		// A throw-away database: no clean shutdown needed. Only our PID.
		cmd.Process.Kill()
		<-exited
	})
	start := time.Now()
	for {
		select {
		case err := <-exited:
			b, _ := os.ReadFile(filepath.Join(dir, "virtuoso.log"))
			t.Fatalf("virtuoso exited during startup (%v):\n%s", err, tail(b, 2000))
		default:
		}
		resp, err := http.Get(s.URL + "/sparql?query=ASK%7B%7D")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(start) > 120*time.Second {
			t.Fatalf("virtuoso not ready after 120 s on %s", s.URL)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("Virtuoso %s ready in %s (PID %d)", s.URL, time.Since(start).Round(time.Millisecond), s.PID)
	return s
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
