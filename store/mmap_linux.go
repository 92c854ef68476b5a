//go:build linux

package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops the store file's pages from this process's resident
// set (madvise MADV_DONTNEED on bbolt's read-only shared mapping). The data
// stays in the page cache and is faulted back in on the next read, so this
// only changes what RSS counts. The caller holds a read transaction of db:
// bbolt remaps only when none is open, so the mapping cannot move (and its
// addresses cannot be reused) meanwhile.
func releaseMapped(db *bolt.DB, tx *bolt.Tx) {
	if size := tx.Size(); size > 0 {
		syscall.Syscall(syscall.SYS_MADVISE, db.Info().Data, uintptr(size), syscall.MADV_DONTNEED)
	}
}
