package eval

import (
	"errors"
	"fmt"
)

// ErrUnknownID is returned when a dataset or the per-query dictionary is
// asked for an id it never handed out: a bug, not bad input.
var ErrUnknownID = errors.New("unknown term id")

func errUnknownID(id uint64) error { return fmt.Errorf("%w %d", ErrUnknownID, id) }
