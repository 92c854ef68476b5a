//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releaseMapped does nothing where madvise is not at hand.
func releaseMapped(db *bolt.DB, tx *bolt.Tx) {}
