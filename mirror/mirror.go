package mirror

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// GraphInfo is a graph of the hub: its name, size and last change.
type GraphInfo struct {
	IRI      string
	Triples  int64
	Modified time.Time
}

// Snapshot is a consistent view of the hub's graphs.
type Snapshot interface {
	// Graphs lists the named graphs that hold triples.
	Graphs(ctx context.Context) ([]GraphInfo, error)
	// WriteGraph writes the triples of one graph as N-Triples.
	WriteGraph(ctx context.Context, iri string, w io.Writer) error
	Close() error
}

// Source opens snapshots of the hub. cmd/maturity wires the store in.
type Source interface {
	Snapshot(ctx context.Context) (Snapshot, error)
}

// Options configure a Mirror.
type Options struct {
	Target Target
	// StateFile records what the target holds: per graph the hub's
	// modification time and triple count when it was pushed. It makes a
	// sync incremental and resumable.
	StateFile string
	// Include selects the graphs to mirror (default: all).
	Include func(iri string) bool
	Log     *slog.Logger
}

// Mirror keeps an external store's copy of the hub's graphs.
type Mirror struct {
	opts   Options
	client *http.Client
}

// New returns a Mirror.
func New(opts Options) (*Mirror, error) {
	t := &opts.Target
	if t.Timeout <= 0 {
		t.Timeout = 5 * time.Minute
	}
	if t.Chunk <= 0 {
		t.Chunk = 20000
	}
	switch t.Protocol {
	case GSP:
		if t.GraphStore == "" {
			return nil, errors.New("mirror: the Graph Store Protocol needs its endpoint")
		}
	case Update:
		if t.UpdateURL == "" {
			return nil, errors.New("mirror: SPARQL Update needs its endpoint")
		}
	case Dump:
		if t.Dir == "" {
			return nil, errors.New("mirror: a dump needs its directory")
		}
	default:
		return nil, fmt.Errorf("mirror: unknown protocol %q", t.Protocol)
	}
	if opts.StateFile == "" {
		return nil, errors.New("mirror: no state file")
	}
	if opts.Include == nil {
		opts.Include = func(string) bool { return true }
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	return &Mirror{opts: opts, client: &http.Client{Timeout: t.Timeout, Transport: &authTransport{base: tr, user: t.User, password: t.Password}}}, nil
}

// Report says what one Sync did.
type Report struct {
	Graphs    int   // graphs of the hub mirrored
	Pushed    int   // graphs written to the target
	Unchanged int   // graphs skipped: the target has this version
	Dropped   int   // graphs the hub no longer has, removed from the target
	Repaired  int   // graphs written again because their count at the target was wrong
	Triples   int64 // triples written
	Bytes     int64 // bytes sent
	Checked   int   // graphs whose count was compared at the target (the last comparison)
	// Mismatches are the graphs whose counts still differ after the
	// repair: the target does not hold what the hub holds.
	Mismatches []Mismatch
	Duration   time.Duration
}

// Mismatch is a graph whose triple count differs between hub and target.
type Mismatch struct {
	Graph       string
	Hub, Target int64
}

// state is the state file: what the target holds, per graph.
type state struct {
	Target string                `json:"target"`
	Graphs map[string]graphState `json:"graphs"`
}

type graphState struct {
	Modified time.Time `json:"modified"`
	Triples  int64     `json:"triples"`
}

func (m *Mirror) load() state {
	st := state{Target: m.opts.Target.id(), Graphs: map[string]graphState{}}
	b, err := os.ReadFile(m.opts.StateFile)
	if err != nil {
		return st
	}
	var old state
	if json.Unmarshal(b, &old) != nil || old.Target != st.Target || old.Graphs == nil {
		return st // another target, or a broken file: start afresh
	}
	return old
}

// save replaces the state file atomically.
func (m *Mirror) save(st state) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	dir := filepath.Dir(m.opts.StateFile)
	f, err := os.CreateTemp(dir, ".mirror-*")
	if err != nil {
		return fmt.Errorf("mirror: state: %w", err)
	}
	_, werr := f.Write(b)
	serr := f.Sync()
	if cerr := f.Close(); werr != nil || serr != nil || cerr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("mirror: state: %w", errors.Join(werr, serr, cerr))
	}
	return os.Rename(f.Name(), m.opts.StateFile)
}

// Sync brings the target up to date: every graph the hub changed since
// the target last got it is written (whole: the target's copy is replaced,
// so writing it twice does no harm), graphs the hub no longer has are
// dropped, and then every graph's triple count is compared with the
// target's; a graph that differs is written again. The state is saved as
// it goes (at least every 2 s and at the end), so a sync that is
// interrupted resumes where it stopped.
func (m *Mirror) Sync(ctx context.Context, src Source) (*Report, error) {
	start := time.Now()
	rep := &Report{}
	defer func() { rep.Duration = time.Since(start) }()
	snap, err := src.Snapshot(ctx)
	if err != nil {
		return rep, err
	}
	defer snap.Close()
	infos, err := m.graphs(ctx, snap)
	if err != nil {
		return rep, err
	}
	rep.Graphs = len(infos)
	st := m.load()
	saved := time.Now()
	checkpoint := func(force bool) error {
		if force || time.Since(saved) > 2*time.Second {
			saved = time.Now()
			return m.save(st)
		}
		return nil
	}
	have := map[string]bool{}
	for _, g := range infos {
		have[g.IRI] = true
		if old, ok := st.Graphs[g.IRI]; ok && old.Triples == g.Triples && old.Modified.Equal(g.Modified) {
			rep.Unchanged++
			continue
		}
		if err := m.push(ctx, snap, g, rep); err != nil {
			m.save(st)
			return rep, err
		}
		rep.Pushed++
		st.Graphs[g.IRI] = graphState{Modified: g.Modified, Triples: g.Triples}
		if err := checkpoint(false); err != nil {
			return rep, err
		}
	}
	var gone []string
	for g := range st.Graphs {
		if !have[g] {
			gone = append(gone, g)
		}
	}
	sort.Strings(gone)
	for _, g := range gone {
		if err := m.drop(ctx, g); err != nil {
			m.save(st)
			return rep, err
		}
		rep.Dropped++
		delete(st.Graphs, g)
		if err := checkpoint(false); err != nil {
			return rep, err
		}
	}
	if err := checkpoint(true); err != nil {
		return rep, err
	}
	// The counts decide: a graph the target lost or holds wrongly is
	// written again, once.
	bad, err := m.compare(ctx, infos, rep)
	if err != nil || len(bad) == 0 {
		return rep, err
	}
	for _, mm := range bad {
		g := GraphInfo{IRI: mm.Graph, Triples: mm.Hub}
		for _, i := range infos {
			if i.IRI == mm.Graph {
				g = i
			}
		}
		if err := m.push(ctx, snap, g, rep); err != nil {
			return rep, err
		}
		rep.Repaired++
	}
	rep.Mismatches, err = m.compare(ctx, infos, rep)
	return rep, err
}

// Check compares the triple count of every graph at the hub and at the
// target, and returns the graphs that differ.
func (m *Mirror) Check(ctx context.Context, src Source) ([]Mismatch, error) {
	snap, err := src.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	infos, err := m.graphs(ctx, snap)
	if err != nil {
		return nil, err
	}
	return m.compare(ctx, infos, &Report{})
}

func (m *Mirror) graphs(ctx context.Context, snap Snapshot) ([]GraphInfo, error) {
	all, err := snap.Graphs(ctx)
	if err != nil {
		return nil, err
	}
	var out []GraphInfo
	for _, g := range all {
		if g.IRI != "" && g.Triples > 0 && m.opts.Include(g.IRI) {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out, nil
}

// compare counts every graph at the target.
func (m *Mirror) compare(ctx context.Context, infos []GraphInfo, rep *Report) ([]Mismatch, error) {
	counts, err := m.Counts(ctx)
	if err != nil {
		return nil, err
	}
	var out []Mismatch
	rep.Checked = len(infos)
	for _, g := range infos {
		if n := counts[g.IRI]; n != g.Triples {
			out = append(out, Mismatch{Graph: g.IRI, Hub: g.Triples, Target: n})
		}
	}
	return out, nil
}

// Counts returns the triple count of every graph the target holds, from
// its query endpoint, or for a dump from its files.
func (m *Mirror) Counts(ctx context.Context) (map[string]int64, error) {
	t := m.opts.Target
	if t.Protocol == Dump && t.QueryURL == "" {
		return m.dumpCounts()
	}
	if t.QueryURL == "" {
		return nil, errors.New("mirror: no query endpoint to count the target's triples")
	}
	const q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.QueryURL, strings.NewReader(url.Values{"query": {q}}.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/sparql-results+json")
	resp, err := m.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("mirror: count at %s: %w", t.QueryURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return nil, fmt.Errorf("mirror: count at %s: HTTP %d: %s", t.QueryURL, resp.StatusCode, strings.TrimSpace(string(b)))
	}
	var res struct {
		Results struct {
			Bindings []map[string]struct{ Value string } `json:"bindings"`
		} `json:"results"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return nil, fmt.Errorf("mirror: count at %s: %w", t.QueryURL, err)
	}
	out := map[string]int64{}
	for _, b := range res.Results.Bindings {
		n, err := strconv.ParseInt(b["n"].Value, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("mirror: count at %s: %q is not a count", t.QueryURL, b["n"].Value)
		}
		out[b["g"].Value] = n
	}
	return out, nil
}

// push writes one graph to the target, replacing what it held.
func (m *Mirror) push(ctx context.Context, snap Snapshot, g GraphInfo, rep *Report) error {
	var buf bytes.Buffer
	if err := snap.WriteGraph(ctx, g.IRI, &buf); err != nil {
		return fmt.Errorf("mirror: read %s: %w", g.IRI, err)
	}
	rep.Triples += g.Triples
	t := m.opts.Target
	switch t.Protocol {
	case Dump:
		rep.Bytes += int64(buf.Len())
		return m.dumpGraph(g.IRI, buf.Bytes())
	case Update:
		return m.updateGraph(ctx, g.IRI, buf.Bytes(), rep)
	}
	rep.Bytes += int64(buf.Len())
	// N-Triples is Turtle: every Graph Store implementation reads Turtle,
	// not every one knows application/n-triples (Virtuoso 7).
	return m.do(ctx, http.MethodPut, m.graphURL(g.IRI), "text/turtle", buf.Bytes(), "PUT "+g.IRI)
}

func (m *Mirror) graphURL(g string) string {
	t := m.opts.Target
	sep := "?"
	if strings.Contains(t.GraphStore, "?") {
		sep = "&"
	}
	return t.GraphStore + sep + url.Values{t.GraphParam: {g}}.Encode()
}

// drop removes a graph from the target; one it does not hold is fine.
func (m *Mirror) drop(ctx context.Context, g string) error {
	t := m.opts.Target
	switch t.Protocol {
	case Dump:
		err := os.Remove(m.dumpFile(g))
		if errors.Is(err, os.ErrNotExist) {
			err = nil
		}
		return err
	case Update:
		return m.update(ctx, "DROP SILENT GRAPH <"+g+">", "DROP "+g)
	}
	err := m.do(ctx, http.MethodDelete, m.graphURL(g), "", nil, "DELETE "+g)
	var se *statusError
	if errors.As(err, &se) && se.code == http.StatusNotFound {
		return nil
	}
	return err
}

// updateGraph replaces a graph through SPARQL Update: DROP SILENT GRAPH,
// then INSERT DATA in chunks of t.Chunk triples. Blank nodes are fresh in
// each INSERT DATA, so a blank node whose triples fall in two chunks
// becomes two nodes there; the counts still agree.
func (m *Mirror) updateGraph(ctx context.Context, g string, nt []byte, rep *Report) error {
	if err := m.update(ctx, "DROP SILENT GRAPH <"+g+">", "DROP "+g); err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(nt))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var chunk strings.Builder
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		body := "INSERT DATA { GRAPH <" + g + "> {\n" + chunk.String() + "} }"
		rep.Bytes += int64(len(body))
		chunk.Reset()
		n = 0
		return m.update(ctx, body, "INSERT DATA "+g)
	}
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		chunk.WriteString(line)
		chunk.WriteByte('\n')
		if n++; n >= m.opts.Target.Chunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return flush()
}

func (m *Mirror) update(ctx context.Context, text, what string) error {
	return m.do(ctx, http.MethodPost, m.opts.Target.UpdateURL, "application/x-www-form-urlencoded",
		[]byte(url.Values{"update": {text}}.Encode()), what)
}

// statusError is an answer of the target that is not a success.
type statusError struct {
	what string
	code int
	body string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("mirror: %s: HTTP %d: %s", e.what, e.code, e.body)
}

// do sends one request to the target.
func (m *Mirror) do(ctx context.Context, method, u, ctype string, body []byte, what string) error {
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return fmt.Errorf("mirror: %s: %w", what, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if resp.StatusCode/100 != 2 {
		return &statusError{what: what, code: resp.StatusCode, body: strings.Join(strings.Fields(string(b)), " ")}
	}
	return nil
}

// dumpFile is where a dump keeps one graph: a name from its IRI's hash.
func (m *Mirror) dumpFile(g string) string {
	sum := sha256.Sum256([]byte(g))
	return filepath.Join(m.opts.Target.Dir, hex.EncodeToString(sum[:16])+".nq")
}

// dumpGraph writes a graph's N-Quads file atomically.
func (m *Mirror) dumpGraph(g string, nt []byte) error {
	if err := os.MkdirAll(m.opts.Target.Dir, 0o755); err != nil {
		return err
	}
	var out bytes.Buffer
	for _, line := range bytes.Split(nt, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		out.Write(bytes.TrimSpace(bytes.TrimSuffix(line, []byte("."))))
		out.WriteString(" <" + g + "> .\n")
	}
	f, err := os.CreateTemp(m.opts.Target.Dir, ".graph-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(out.Bytes())
	if cerr := f.Close(); werr != nil || cerr != nil {
		os.Remove(f.Name())
		return errors.Join(werr, cerr)
	}
	return os.Rename(f.Name(), m.dumpFile(g))
}

// dumpCounts counts the quads of every file of a dump, by graph.
func (m *Mirror) dumpCounts() (map[string]int64, error) {
	files, err := filepath.Glob(filepath.Join(m.opts.Target.Dir, "*.nq"))
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			line = bytes.TrimSpace(line)
			if i := bytes.LastIndexByte(line, '<'); i > 0 && bytes.HasSuffix(line, []byte("> .")) {
				out[string(line[i+1:len(line)-3])]++
			}
		}
	}
	return out, nil
}
