package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// serveProc is `maturity serve` running as a process of its own.
type serveProc struct {
	cmd  *exec.Cmd
	base string // the URL it serves at, with a trailing slash
	logs *lockedBuffer
	done chan struct{}
}

// startServeProc starts serve on a free port and waits until it listens.
// It is killed at the end of the test at the latest.
func startServeProc(t *testing.T, data string, args ...string) *serveProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "MATURITY_AS_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serveProc{cmd: cmd, logs: &lockedBuffer{}, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		re := regexp.MustCompile(`msg=serving addr=(http://[^ ]+/)`)
		for sc.Scan() {
			fmt.Fprintln(p.logs, sc.Text())
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	go func() { cmd.Wait(); close(p.done) }()
	t.Cleanup(func() { p.kill() })
	select {
	case p.base = <-addr:
		return p
	case <-p.done:
		t.Fatalf("serve exited:\n%s", p.logs.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start:\n%s", p.logs.String())
	}
	return nil
}

// kill ends the process with SIGKILL and waits for it.
func (p *serveProc) kill() {
	if p.cmd.Process != nil {
		p.cmd.Process.Signal(syscall.SIGKILL)
	}
	<-p.done
}

// fds counts the process's open file descriptors.
func (p *serveProc) fds(t *testing.T) int {
	t.Helper()
	es, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", p.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// publisher publishes self-assessments through the web form from this
// machine, as the person at the server's keyboard would: a loopback peer,
// the Host of the instance's base (localhost), no proxy headers, no token.
// It is the one place that knows the form's fields and how a publish is
// authorised.
type publisher struct {
	url    string   // where the server listens
	host   string   // the Host of the instance's base
	domain []string // the model's domain slugs
	client *http.Client
}

func newPublisher(t *testing.T, serverURL, base string) *publisher {
	t.Helper()
	b, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	m := builtinModel(t) // the model's IRIs are the same under every base
	p := &publisher{url: serverURL, host: b.Host, client: &http.Client{
		Timeout:       60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	for _, d := range m.Domains {
		p.domain = append(p.domain, d.Slug)
	}
	return p
}

// form is a complete self-assessment of org for year; score varies the
// answers so that versions differ.
func (p *publisher) form(org string, year, score int) url.Values {
	f := url.Values{"org": {org}, "year": {fmt.Sprint(year)}, "method": {"zelfevaluatie"}, "author": {"Hardening test"}}
	for i, d := range p.domain {
		f.Set("m-"+d, fmt.Sprint(1+(score+i)%5))
		f.Set("n-"+d, fmt.Sprint(1+(score+2*i)%5))
		f.Set("t-"+d, fmt.Sprintf("Toelichting %d bij %s", score, d))
	}
	return f
}

// publish posts one assessment and returns the status (303 when it was
// published).
func (p *publisher) publish(ctx context.Context, org string, year, score int) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url+"evaluatie", strings.NewReader(p.form(org, year, score).Encode()))
	if err != nil {
		return 0, err
	}
	req.Host = p.host
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := p.client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// writeFiller writes n triples of filler to a new file in dir.
func writeFiller(t *testing.T, dir string, from, n int) string {
	t.Helper()
	path := filepath.Join(dir, fmt.Sprintf("filler-%d.nt", from))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := from; i < from+n; i++ {
		fmt.Fprintf(w, "<http://example.org/vulling/%d> <http://example.org/waarde> \"vulling %d %s\" .\n", i, i, strings.Repeat("x", i%50))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}
