package store

import "errors"

// Sentinel errors; callers test them with errors.Is.
var (
	// ErrCorrupt means the database file does not hold what the store wrote:
	// a damaged key, block, term or a broken invariant found by Check.
	ErrCorrupt = errors.New("store: corrupt database")
	// ErrClosed is returned when a closed store or snapshot is used.
	ErrClosed = errors.New("store: closed")
	// ErrReadOnly is returned by writes to a store opened read-only.
	ErrReadOnly = errors.New("store: read-only")
	// ErrVersion means the file was written by an incompatible layout version.
	ErrVersion = errors.New("store: unsupported format version")
	// ErrUnknownID is returned by Term for an id the dictionary does not hold.
	ErrUnknownID = errors.New("store: unknown term id")
	// ErrLocked means another process holds the store file (a running
	// server, import or restore).
	ErrLocked = errors.New("store: in use by another process")
	// ErrBusy is returned by Close while snapshots are still open.
	ErrBusy = errors.New("store: busy")
	// ErrBadTerm is returned when a quad holds a term that cannot be stored
	// there (no subject, a literal graph name, ...).
	ErrBadTerm = errors.New("store: invalid term in quad")
)
