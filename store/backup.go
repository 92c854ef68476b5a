package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// Backup writes a consistent copy of the database file to w while the store
// keeps serving: it copies the pages of one read transaction, so writers go
// on and the copy shows the state when Backup began. It stops with ctx's
// error when ctx ends. The read transaction lasts as long as w takes to
// accept the bytes; a writer that must grow the memory map meanwhile waits
// for it (doc.go, "Concurrency"), so an HTTP handler serving a backup to a
// slow client should spool it to a file first.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	v, err := s.Snapshot()
	if err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	defer v.Close()
	return v.Backup(ctx, w)
}

// Backup writes the database file as of the snapshot to w, in bbolt's
// format: Restore (or Open) reads it back.
func (v *Snapshot) Backup(ctx context.Context, w io.Writer) (int64, error) {
	if err := v.live(); err != nil {
		return 0, err
	}
	n, err := v.tx.WriteTo(ctxWriter{ctx, w})
	if err != nil {
		return n, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}

// ctxWriter fails writes once its context has ended.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// Restore replaces the database file at path with a backup read from r.
//
// It takes the store's lock first, so it refuses (ErrLocked) while a
// server, an import or another restore has the store open: renaming over a
// file that a server holds would let the server go on writing to the old,
// unlinked file and lose those writes. The backup is written to a temporary
// file beside path, synced, verified (the page structure before bbolt maps
// it, then Check) and only then renamed over path, so a damaged or
// interrupted restore leaves the old file untouched, and names the damage.
// The temporary file is removed on every failure (and by the next Open if
// the process is killed).
func Restore(path string, r io.Reader) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("store: restore %s: %w", path, err)
		}
	}()
	_, statErr := os.Stat(path)
	created := errors.Is(statErr, fs.ErrNotExist)
	lock, err := openLocked(path, os.O_RDWR|os.O_CREATE, true, time.Second)
	if errors.Is(err, errLocked) {
		return lockedError()
	}
	if err != nil {
		return err
	}
	defer lock.Close()
	dir, base := tempBase(path)
	f, err := os.CreateTemp(dir, base+".restore-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
			if fi, serr := lock.Stat(); created && serr == nil && fi.Size() == 0 {
				os.Remove(path) // we created it only to lock it
			}
		}
	}()
	if _, err = io.Copy(f, r); err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err = verifyStoreFile(tmp); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	// The rename is done; a failed directory sync only weakens durability.
	_ = syncDir(dir)
	return nil
}

// verifyStoreFile opens a store file read-only and checks it whole.
func verifyStoreFile(path string) error {
	s, err := Open(path, &Options{ReadOnly: true, MmapSize: 1 << 20})
	if err != nil {
		return err
	}
	err = s.Check(context.Background())
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return err
}
