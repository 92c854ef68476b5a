package store

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// A run is a sorted, duplicate-free sequence of tuples spilled to a
// temporary file by an import too large to sort in memory, delta-encoded
// like a block (appendEntry): 3 to 7 bytes a tuple. The file is unlinked as
// soon as it is created, so it disappears with the process however that
// ends; only the open descriptor keeps it.
type run struct {
	f     *os.File
	count int64
}

// runBufSize is the buffer of each run being written or merged.
const runBufSize = 256 << 10

// newRunFile creates an unlinked temporary file in dir.
func newRunFile(dir, base string) (*os.File, error) {
	f, err := os.CreateTemp(dir, base+".run-*")
	if err != nil {
		return nil, err
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// writeRun writes ts (sorted, distinct) as a new run in dir.
func writeRun(dir, base string, ts []tuple) (*run, error) {
	f, err := newRunFile(dir, base)
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriterSize(f, runBufSize)
	var prev tuple
	var scratch [48]byte
	for i := range ts {
		if _, err := bw.Write(appendEntry(scratch[:0], &prev, &ts[i])); err != nil {
			f.Close()
			return nil, err
		}
		prev = ts[i]
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	return &run{f: f, count: int64(len(ts))}, nil
}

func (r *run) close() { r.f.Close() }

// runReader decodes a run from the start.
type runReader struct {
	r    io.Reader
	buf  []byte
	pos  int
	end  int
	eof  bool
	left int64
	prev tuple
}

func newRunReader(r *run) (*runReader, error) {
	if _, err := r.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return &runReader{r: r.f, buf: make([]byte, runBufSize), left: r.count}, nil
}

// fill keeps at least one whole entry (at most 4 uvarints) in the window.
func (rr *runReader) fill() error {
	if rr.eof || rr.end-rr.pos >= 4*binary.MaxVarintLen64 {
		return nil
	}
	n := copy(rr.buf, rr.buf[rr.pos:rr.end])
	rr.pos, rr.end = 0, n
	for rr.end < len(rr.buf) && !rr.eof {
		m, err := rr.r.Read(rr.buf[rr.end:])
		rr.end += m
		if err == io.EOF {
			rr.eof = true
		} else if err != nil {
			return err
		}
		if rr.end-rr.pos >= 4*binary.MaxVarintLen64 {
			break
		}
	}
	return nil
}

// next returns the next tuple, or false at the end of the run.
func (rr *runReader) next() (tuple, bool, error) {
	if rr.left == 0 {
		return tuple{}, false, nil
	}
	if err := rr.fill(); err != nil {
		return tuple{}, false, err
	}
	b := rr.buf[rr.pos:rr.end]
	x, m := binary.Uvarint(b)
	if m <= 0 {
		return tuple{}, false, fmt.Errorf("run: truncated entry")
	}
	k := int(x & 3)
	t := rr.prev
	t[k] += x >> 2
	for j := k + 1; j < 4; j++ {
		v, n := binary.Uvarint(b[m:])
		if n <= 0 {
			return tuple{}, false, fmt.Errorf("run: truncated entry")
		}
		t[j] = v
		m += n
	}
	rr.pos += m
	rr.prev = t
	rr.left--
	return t, true, nil
}

// tupleStream yields sorted tuples: a run, a slice or an index's blocks.
type tupleStream interface {
	next() (tuple, bool, error)
}

// sliceStream yields the tuples of a sorted slice.
type sliceStream struct {
	ts []tuple
	i  int
}

func (s *sliceStream) next() (tuple, bool, error) {
	if s.i == len(s.ts) {
		return tuple{}, false, nil
	}
	s.i++
	return s.ts[s.i-1], true, nil
}

// merger merges sorted streams into one sorted stream without duplicates.
// Stream 0 is special for callers that merge new tuples into old ones: old
// reports whether the last tuple returned was present in it.
type merger struct {
	streams []tupleStream
	heads   []tuple
	heap    []int // stream numbers, a binary min-heap on their heads
	old     bool
	started bool
	last    tuple
}

func newMerger(streams []tupleStream) (*merger, error) {
	m := &merger{streams: streams, heads: make([]tuple, len(streams))}
	for i, s := range streams {
		t, ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if ok {
			m.heads[i] = t
			m.heap = append(m.heap, i)
		}
	}
	for i := len(m.heap)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m, nil
}

// less orders heap entries by head, then by stream number, so that of equal
// tuples the one of stream 0 comes first.
func (m *merger) less(a, b int) bool {
	sa, sb := m.heap[a], m.heap[b]
	if c := m.heads[sa].cmp(&m.heads[sb]); c != 0 {
		return c < 0
	}
	return sa < sb
}

func (m *merger) down(i int) {
	n := len(m.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		j := l
		if r := l + 1; r < n && m.less(r, l) {
			j = r
		}
		if !m.less(j, i) {
			return
		}
		m.heap[i], m.heap[j] = m.heap[j], m.heap[i]
		i = j
	}
}

// pop returns the smallest head and advances its stream.
func (m *merger) pop() (tuple, int, bool, error) {
	if len(m.heap) == 0 {
		return tuple{}, 0, false, nil
	}
	s := m.heap[0]
	t := m.heads[s]
	nt, ok, err := m.streams[s].next()
	if err != nil {
		return tuple{}, 0, false, err
	}
	if ok {
		m.heads[s] = nt
	} else {
		last := len(m.heap) - 1
		m.heap[0] = m.heap[last]
		m.heap = m.heap[:last]
	}
	m.down(0)
	return t, s, true, nil
}

// next returns the next distinct tuple.
func (m *merger) next() (tuple, bool, error) {
	for {
		t, s, ok, err := m.pop()
		if err != nil || !ok {
			return tuple{}, false, err
		}
		if m.started && t == m.last {
			continue // a duplicate; stream 0's copy came first
		}
		m.started, m.last, m.old = true, t, s == 0
		return t, true, nil
	}
}

// tempBase returns the directory and file name that temporary files of the
// store at path are named after.
func tempBase(path string) (dir, base string) {
	dir, base = filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return dir, base
}
