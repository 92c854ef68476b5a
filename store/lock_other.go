//go:build !unix

package store

import (
	"os"
	"time"
)

// lockFile leaves locking to bbolt where flock does not exist; the identity
// check after a rebuild is then best effort.
func lockFile(f *os.File, exclusive bool, deadline time.Time) error { return nil }
