package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Temporary files live beside the store file, named after it, so that they
// are on the same file system (a rename must be atomic) and so that the
// next process to open the store can remove what a killed one left behind:
//
//	NAME.build-*    a new store file being built (bulk import, Compact)
//	NAME.restore-*  a backup being verified by Restore
//	NAME.run-*      a sorted run or spilled terms of a bulk import
//
// Sorted runs and spilled terms are unlinked as soon as they are created, so
// they vanish with the process however it ends; but a kill between the
// create and the unlink leaves one behind (TestImportKill9 hit that window
// under load), so the next writer removes those too.
var leftoverSuffixes = []string{".build-", ".restore-", ".run-"}

// openLocked opens path and takes its lock: exclusive for writers, shared
// for readers, waiting up to timeout. bbolt locks the same way (flock on the
// open file), so a store, a restore and a rebuild all exclude each other.
//
// Because a rebuild or a restore replaces the store file by renaming a new
// one over it, a process that waited for the lock may get it on a file that
// is no longer the store (the old inode, unlinked). openLocked therefore
// checks, once it holds the lock, that path still names the file it locked,
// and starts over if not.
func openLocked(path string, flag int, exclusive bool, timeout time.Duration) (*os.File, error) {
	deadline := time.Now().Add(timeout)
	for {
		f, err := os.OpenFile(path, flag, 0o644)
		if err != nil {
			return nil, err
		}
		if err := lockFile(f, exclusive, deadline); err != nil {
			f.Close()
			return nil, err
		}
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return f, nil
		}
		f.Close() // replaced while we waited: lock the new file
		if err1 != nil {
			return nil, err1
		}
		if err2 != nil && !errors.Is(err2, fs.ErrNotExist) {
			return nil, err2
		}
		if time.Now().After(deadline) {
			return nil, errLocked
		}
	}
}

// errLocked is what openLocked returns when the lock stays taken.
var errLocked = errors.New("timeout")

// lockedError names the usual holders of the lock.
func lockedError() error {
	return fmt.Errorf("%w (a running maturity serve, import or restore?)", ErrLocked)
}

// removeLeftovers deletes temporary files of earlier processes that were
// killed. The caller holds the store's exclusive lock, which every process
// writing such files holds while it does.
func removeLeftovers(path string) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) {
			continue
		}
		for _, suf := range leftoverSuffixes {
			if strings.HasPrefix(name[len(base):], suf) {
				os.Remove(filepath.Join(dir, name))
			}
		}
	}
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
