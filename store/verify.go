package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
)

// bbolt trusts its own files: it follows page ids and element offsets with
// unchecked pointer arithmetic into the memory map, so a damaged file makes
// it read past a page or past the end of the file. That faults the process
// (SIGBUS or SIGSEGV, which a recover cannot catch) or panics inside a
// goroutine of its own (opening a file written with NoFreelistSync walks the
// whole tree on a goroutine to rebuild the free list, and panics there on
// the first inconsistency). verifyFile therefore reads the page tree with
// ReadAt before bbolt maps the file, checking everything bbolt will follow
// without checks: the meta pages, every page id, page type and overflow
// count, every element's key and value bounds, the key order within and
// across pages (bbolt's own invariant), bucket headers and inline buckets,
// and that no page is reachable twice. A file that passes cannot make bbolt
// fault; what it stores is then the store's own business (Check).
//
// The offsets are bbolt's on-disk format (go.etcd.io/bbolt/internal/common):
// a 16-byte page header (id u64, flags u16, count u16, overflow u32), 16-byte
// branch elements (pos u32, ksize u32, pgid u64) and leaf elements (flags
// u32, pos u32, ksize u32, vsize u32) whose pos is relative to the element
// itself, and 16-byte bucket headers (root pgid u64, sequence u64).
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	boltPageHeader   = 16
	boltElementSize  = 16
	boltBucketHeader = 16
	boltBranchPage   = 0x01
	boltLeafPage     = 0x02
	boltFreelistPage = 0x10
	boltBucketLeaf   = 0x01
	boltNoFreelist   = ^uint64(0)
	// boltMaxDepth bounds the tree height the walk accepts; a real tree of
	// 4 KiB pages is a few levels deep even at billions of keys.
	boltMaxDepth = 32
)

// boltMeta is the part of a meta page the walk needs.
type boltMeta struct {
	pageSize uint64
	root     uint64
	freelist uint64
	hwm      uint64 // high-water mark: pages below it are allocated
	txid     uint64
}

// parseBoltMeta decodes the meta page in b (a page, header included) and
// validates it as bbolt does: magic, version and checksum.
func parseBoltMeta(b []byte) (boltMeta, bool) {
	if len(b) < boltPageHeader+64 {
		return boltMeta{}, false
	}
	m := b[boltPageHeader:]
	if binary.LittleEndian.Uint32(m[0:]) != boltMagic || binary.LittleEndian.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != binary.LittleEndian.Uint64(m[56:]) {
		return boltMeta{}, false
	}
	return boltMeta{
		pageSize: uint64(binary.LittleEndian.Uint32(m[8:])),
		root:     binary.LittleEndian.Uint64(m[16:]),
		freelist: binary.LittleEndian.Uint64(m[32:]),
		hwm:      binary.LittleEndian.Uint64(m[40:]),
		txid:     binary.LittleEndian.Uint64(m[48:]),
	}, true
}

// verifyFile checks the bbolt structure of the file r of the given size (see
// above). The error wraps ErrCorrupt and names the damage.
func verifyFile(r io.ReaderAt, size int64) error {
	if err := verifyBolt(r, size); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil
}

func verifyBolt(r io.ReaderAt, size int64) error {
	m, err := chooseMeta(r, size)
	if err != nil {
		return err
	}
	ps := m.pageSize
	if ps < 512 || ps > 1<<20 || ps&(ps-1) != 0 {
		return fmt.Errorf("meta page: page size %d", ps)
	}
	if m.hwm < 3 || m.hwm > uint64(size)/ps {
		if m.hwm > 2 && uint64(size) < m.hwm*ps {
			return fmt.Errorf("file has %d bytes, its meta page needs %d (truncated)", size, m.hwm*ps)
		}
		return fmt.Errorf("meta page: high-water mark %d", m.hwm)
	}
	w := &boltWalker{r: r, ps: ps, hwm: m.hwm, seen: make([]uint64, (m.hwm+63)/64)}
	if m.freelist != boltNoFreelist {
		if err := w.freelist(m.freelist); err != nil {
			return err
		}
	}
	return w.bucket(m.root, "root", 0)
}

// chooseMeta picks the meta page bbolt will use: the valid one of the two
// with the higher transaction id. The page size comes from the first meta
// page when it is valid, otherwise from the second, found as bbolt finds it.
func chooseMeta(r io.ReaderAt, size int64) (boltMeta, error) {
	buf := make([]byte, 4096)
	readMeta := func(off int64) (boltMeta, bool) {
		if off < 0 || off+int64(len(buf)) > size {
			// A meta page needs its header and fields only.
			if off+boltPageHeader+64 > size {
				return boltMeta{}, false
			}
		}
		n, _ := r.ReadAt(buf, off)
		return parseBoltMeta(buf[:n])
	}
	m0, ok0 := readMeta(0)
	ps := m0.pageSize
	if !ok0 {
		for i := 0; i <= 14; i++ {
			off := int64(1024) << uint(i)
			if off >= size-1024 {
				break
			}
			if m, ok := readMeta(off); ok && m.pageSize == uint64(off) {
				ps = m.pageSize
				break
			}
		}
	}
	if ps == 0 {
		return boltMeta{}, fmt.Errorf("not a bbolt file: no valid meta page")
	}
	if ps > uint64(size) {
		return boltMeta{}, fmt.Errorf("meta page: page size %d beyond the file's %d bytes", ps, size)
	}
	m1, ok1 := readMeta(int64(ps))
	a, aok, b, bok := m0, ok0, m1, ok1
	if m1.txid > m0.txid {
		a, aok, b, bok = m1, ok1, m0, ok0
	}
	switch {
	case aok:
		return a, nil
	case bok:
		return b, nil
	}
	return boltMeta{}, fmt.Errorf("both meta pages are invalid")
}

// boltWalker reads and checks pages.
type boltWalker struct {
	r    io.ReaderAt
	ps   uint64
	hwm  uint64
	seen []uint64 // bitset of pages reached
	bufs [][]byte // one page buffer per tree level
}

// page reads page id with its overflow pages into the buffer of level depth
// and marks them reached.
func (w *boltWalker) page(id uint64, depth int, where string) ([]byte, error) {
	if id < 2 || id >= w.hwm {
		return nil, fmt.Errorf("%s: page id %d outside 2..%d", where, id, w.hwm-1)
	}
	for len(w.bufs) <= depth {
		w.bufs = append(w.bufs, nil)
	}
	head := make([]byte, boltPageHeader)
	if _, err := w.r.ReadAt(head, int64(id*w.ps)); err != nil {
		return nil, fmt.Errorf("%s: page %d: %v", where, id, err)
	}
	if got := binary.LittleEndian.Uint64(head); got != id {
		return nil, fmt.Errorf("%s: page %d says it is page %d", where, id, got)
	}
	overflow := uint64(binary.LittleEndian.Uint32(head[12:]))
	if id+overflow >= w.hwm {
		return nil, fmt.Errorf("%s: page %d: %d overflow pages run past the high-water mark %d", where, id, overflow, w.hwm)
	}
	for p := id; p <= id+overflow; p++ {
		if w.seen[p/64]&(1<<(p%64)) != 0 {
			return nil, fmt.Errorf("%s: page %d is reached twice", where, p)
		}
		w.seen[p/64] |= 1 << (p % 64)
	}
	n := (overflow + 1) * w.ps
	if uint64(cap(w.bufs[depth])) < n {
		w.bufs[depth] = make([]byte, n)
	}
	b := w.bufs[depth][:n]
	if _, err := w.r.ReadAt(b, int64(id*w.ps)); err != nil {
		return nil, fmt.Errorf("%s: page %d: %v", where, id, err)
	}
	return b, nil
}

// freelist checks a synced free list page: every listed page is allocated.
func (w *boltWalker) freelist(id uint64) error {
	b, err := w.page(id, 0, "free list")
	if err != nil {
		return err
	}
	if flags := binary.LittleEndian.Uint16(b[8:]); flags != boltFreelistPage {
		return fmt.Errorf("free list: page %d has flags %#x", id, flags)
	}
	count, start := uint64(binary.LittleEndian.Uint16(b[10:])), uint64(boltPageHeader)
	if count == 0xFFFF {
		count, start = binary.LittleEndian.Uint64(b[boltPageHeader:]), boltPageHeader+8
	}
	if count > (uint64(len(b))-start)/8 {
		return fmt.Errorf("free list: %d entries do not fit page %d", count, id)
	}
	for i := range count {
		if f := binary.LittleEndian.Uint64(b[start+8*i:]); f < 2 || f >= w.hwm {
			return fmt.Errorf("free list: page id %d outside 2..%d", f, w.hwm-1)
		}
	}
	return nil
}

// bucket walks the tree of a bucket whose root page is root.
func (w *boltWalker) bucket(root uint64, name string, depth int) error {
	_, err := w.node(root, name, depth, nil, nil)
	return err
}

// node checks page id and its subtree: keys must lie in [lo, hi) (nil: no
// bound), as bbolt's tree invariant requires. It returns the largest key of
// the subtree.
func (w *boltWalker) node(id uint64, bucket string, depth int, lo, hi []byte) ([]byte, error) {
	where := "bucket " + printable(bucket)
	if depth > boltMaxDepth {
		return nil, fmt.Errorf("%s: tree deeper than %d levels", where, boltMaxDepth)
	}
	b, err := w.page(id, depth, where)
	if err != nil {
		return nil, err
	}
	flags := binary.LittleEndian.Uint16(b[8:])
	count := int(binary.LittleEndian.Uint16(b[10:]))
	if flags != boltBranchPage && flags != boltLeafPage {
		return nil, fmt.Errorf("%s: page %d has flags %#x, not a branch or leaf page", where, id, flags)
	}
	if boltPageHeader+count*boltElementSize > len(b) {
		return nil, fmt.Errorf("%s: page %d: %d elements do not fit", where, id, count)
	}
	if flags == boltLeafPage {
		return w.leaf(b, id, count, bucket, depth, lo, hi)
	}
	if count == 0 {
		return nil, fmt.Errorf("%s: branch page %d is empty", where, id)
	}
	// Keys are copied: the page buffer of this level is reused below.
	keys := make([][]byte, count)
	children := make([]uint64, count)
	for i := range count {
		e := boltPageHeader + i*boltElementSize
		pos := int(binary.LittleEndian.Uint32(b[e:]))
		ksize := int(binary.LittleEndian.Uint32(b[e+4:]))
		if pos < 0 || ksize < 0 || e+pos+ksize > len(b) || e+pos+ksize < e {
			return nil, fmt.Errorf("%s: branch page %d: element %d's key runs past the page", where, id, i)
		}
		keys[i] = bytes.Clone(b[e+pos : e+pos+ksize])
		children[i] = binary.LittleEndian.Uint64(b[e+8:])
	}
	var max []byte
	min := lo
	for i := range count {
		if err := keyInRange(keys[i], min, hi, i == 0); err != nil {
			return nil, fmt.Errorf("%s: branch page %d: key %d %v", where, id, i, err)
		}
		next := hi
		if i+1 < count {
			next = keys[i+1]
		}
		m, err := w.node(children[i], bucket, depth+1, keys[i], next)
		if err != nil {
			return nil, err
		}
		if m != nil {
			max, min = m, m
		}
	}
	return max, nil
}

// keyInRange checks bbolt's ordering rule for one key: at least lo (strictly
// above it unless it is the first of its page) and below hi.
func keyInRange(k, lo, hi []byte, first bool) error {
	if lo != nil {
		c := bytes.Compare(lo, k)
		if c > 0 || c == 0 && !first {
			return fmt.Errorf("%x is out of order (after %x)", k, lo)
		}
	}
	if hi != nil && bytes.Compare(k, hi) >= 0 {
		return fmt.Errorf("%x is not below the next separator %x", k, hi)
	}
	return nil
}

// leaf checks the elements of a leaf page (or an inline bucket's page) and
// walks the buckets it holds.
func (w *boltWalker) leaf(b []byte, id uint64, count int, bucket string, depth int, lo, hi []byte) ([]byte, error) {
	where := "bucket " + printable(bucket)
	type sub struct {
		name []byte
		root uint64
	}
	var subs []sub
	var last []byte
	min := lo
	for i := range count {
		e := boltPageHeader + i*boltElementSize
		eflags := binary.LittleEndian.Uint32(b[e:])
		pos := uint64(binary.LittleEndian.Uint32(b[e+4:]))
		ksize := uint64(binary.LittleEndian.Uint32(b[e+8:]))
		vsize := uint64(binary.LittleEndian.Uint32(b[e+12:]))
		end := uint64(e) + pos + ksize + vsize
		if end > uint64(len(b)) {
			return nil, fmt.Errorf("%s: leaf page %d: element %d runs past the page", where, id, i)
		}
		k := b[uint64(e)+pos : uint64(e)+pos+ksize]
		v := b[uint64(e)+pos+ksize : end]
		if err := keyInRange(k, min, hi, i == 0); err != nil {
			return nil, fmt.Errorf("%s: leaf page %d: key %d %v", where, id, i, err)
		}
		min, last = k, k
		switch eflags {
		case 0:
		case boltBucketLeaf:
			if len(v) < boltBucketHeader {
				return nil, fmt.Errorf("%s: leaf page %d: bucket %s has a %d-byte header", where, id, printable(string(k)), len(v))
			}
			root := binary.LittleEndian.Uint64(v)
			if root == 0 {
				if err := w.inline(v[boltBucketHeader:], string(k), depth); err != nil {
					return nil, err
				}
				continue
			}
			subs = append(subs, sub{bytes.Clone(k), root})
		default:
			return nil, fmt.Errorf("%s: leaf page %d: element %d has flags %#x", where, id, i, eflags)
		}
	}
	last = bytes.Clone(last)
	for _, s := range subs {
		if err := w.bucket(s.root, string(s.name), depth+1); err != nil {
			return nil, err
		}
	}
	return last, nil
}

// inline checks the page embedded in an inline bucket's value. bbolt only
// inlines buckets without sub-buckets, so none may appear inside.
func (w *boltWalker) inline(p []byte, name string, depth int) error {
	where := "bucket " + printable(name)
	if len(p) < boltPageHeader {
		return fmt.Errorf("%s: inline page of %d bytes", where, len(p))
	}
	flags := binary.LittleEndian.Uint16(p[8:])
	count := int(binary.LittleEndian.Uint16(p[10:]))
	if flags != boltLeafPage {
		return fmt.Errorf("%s: inline page has flags %#x", where, flags)
	}
	if boltPageHeader+count*boltElementSize > len(p) {
		return fmt.Errorf("%s: inline page: %d elements do not fit", where, count)
	}
	for i := range count {
		e := boltPageHeader + i*boltElementSize
		if binary.LittleEndian.Uint32(p[e:]) != 0 {
			return fmt.Errorf("%s: inline page: element %d is not a plain value", where, i)
		}
	}
	_, err := w.leaf(p, 0, count, name, depth, nil, nil)
	return err
}

// printable quotes a bucket name for an error message.
func printable(name string) string {
	return fmt.Sprintf("%q", name)
}
