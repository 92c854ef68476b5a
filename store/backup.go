package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the database file to w while the store
// keeps serving: it copies the pages of one read transaction, so writers go
// on and the copy shows the state when Backup began.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}

// Restore replaces the database file at path with a backup read from r. The
// backup is written to a temporary file beside path, synced, opened and
// verified with Check, and only then renamed over path, so a failed or
// interrupted restore leaves the old file untouched. No store may have path
// open (a process holding it would go on using the old file).
func Restore(path string, r io.Reader) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, base+".restore-*")
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
			err = fmt.Errorf("store: restore %s: %w", path, err)
		}
	}()
	if _, err = io.Copy(f, r); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err = checkFileShape(tmp); err != nil {
		return err
	}
	s, err := Open(tmp, nil)
	if err != nil {
		return err
	}
	err = s.Check(context.Background())
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		derr = d.Sync()
		d.Close()
		_ = derr // the rename is done; a failed directory sync only weakens durability
	}
	return nil
}

// checkFileShape checks, before bbolt maps the file, that it starts with a
// valid bbolt meta page and is as long as that meta page says. bbolt trusts
// its own files: mapping a truncated one makes page reads past the end
// fault the process (SIGBUS) instead of returning an error. The offsets are
// bbolt's on-disk meta layout (a 16-byte page header, then magic, version,
// page size, flags, root bucket, freelist, high-water page id, txid and an
// FNV-64a checksum of the fields before it).
func checkFileShape(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	readMeta := func(off int64) (pageSize, pgid, txid uint64, ok bool) {
		var b [80]byte
		if _, err := f.ReadAt(b[:], off); err != nil {
			return 0, 0, 0, false
		}
		m := b[16:]
		if binary.LittleEndian.Uint32(m[0:]) != 0xED0CDAED || binary.LittleEndian.Uint32(m[4:]) != 2 {
			return 0, 0, 0, false
		}
		h := fnv.New64a()
		h.Write(m[:56])
		if h.Sum64() != binary.LittleEndian.Uint64(m[56:]) {
			return 0, 0, 0, false
		}
		return uint64(binary.LittleEndian.Uint32(m[8:])), binary.LittleEndian.Uint64(m[40:]), binary.LittleEndian.Uint64(m[48:]), true
	}
	ps0, pg0, tx0, ok0 := readMeta(0)
	if !ok0 {
		return fmt.Errorf("%w: not a bbolt file (bad first meta page)", ErrCorrupt)
	}
	ps, pg := ps0, pg0
	if ps1, pg1, tx1, ok1 := readMeta(int64(ps0)); ok1 && tx1 > tx0 {
		ps, pg = ps1, pg1
	}
	if need := ps * pg; uint64(fi.Size()) < need {
		return fmt.Errorf("%w: file has %d bytes, its meta page needs %d (truncated)", ErrCorrupt, fi.Size(), need)
	}
	return nil
}
