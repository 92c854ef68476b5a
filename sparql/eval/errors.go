package eval

import (
	"fmt"

	"github.com/stadleuven/maturity/dataset"
)

// ErrUnknownID is returned when a dataset or the per-query dictionary is
// asked for an id it never handed out: a bug, not bad input. It is the
// dataset package's, so that one errors.Is covers both.
var ErrUnknownID = dataset.ErrUnknownID

func errUnknownID(id uint64) error { return fmt.Errorf("%w %d", ErrUnknownID, id) }
