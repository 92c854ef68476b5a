package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// instanceFile records the base IRI a store was created with. Every IRI in
// the store is minted under that base, so serving or importing with another
// base would publish IRIs that do not dereference.
const instanceFile = "instance.json"

type instance struct {
	Base string `json:"base"`
}

// resolveBase returns the base to use for the store in dir: the flag value
// when given (and consistent with the record), else the recorded one, else
// the default.
func resolveBase(dir, flagValue string) (string, error) {
	// Checked here, before anything is minted or loaded: a relative base
	// would otherwise surface as a parse error deep inside the model files.
	if flagValue != "" && !rdf.IsAbsoluteIRI(flagValue) {
		return "", fmt.Errorf("--base %q is not an absolute IRI (e.g. https://data.stad.be/)", flagValue)
	}
	if flagValue != "" && !strings.HasSuffix(flagValue, "/") {
		flagValue += "/"
	}
	b, err := os.ReadFile(filepath.Join(dir, instanceFile))
	if errors.Is(err, fs.ErrNotExist) {
		if flagValue == "" {
			return defaultBase, nil
		}
		return flagValue, nil
	}
	if err != nil {
		return "", err
	}
	var in instance
	if err := json.Unmarshal(b, &in); err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Join(dir, instanceFile), err)
	}
	if flagValue != "" && flagValue != in.Base {
		return "", fmt.Errorf("the store in %s was created for base %s, not %s: its IRIs are minted under that base (use --base %s, or a new --data directory)", dir, in.Base, flagValue, in.Base)
	}
	return in.Base, nil
}

// recordBase writes the instance record if there is none yet.
func recordBase(dir, base string) error {
	p := filepath.Join(dir, instanceFile)
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	b, _ := json.MarshalIndent(instance{Base: base}, "", "  ")
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}
