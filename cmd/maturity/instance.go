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
	"github.com/stadleuven/maturity/store"
	"github.com/stadleuven/maturity/vocab"
)

// instanceFile records the base IRI a store was created with and the
// layout of its data. Every IRI an instance publishes itself is minted under
// that base, so serving or importing with another base would publish IRIs
// that do not dereference.
const instanceFile = "instance.json"

// layoutVersion is the layout of the data this build writes and reads:
//
//	1 (no "layout" field): the ontology and the model under the instance base
//	  ({base}ns/maturiteit#, {base}id/domein/…).
//	2: the ontology and the model under https://w3id.org/open-data-maturiteit/,
//	  the same on every instance; survey answers as agreement.
//
// There is no migration: a store of another layout is refused with a
// message that says what to do (oldStoreError).
const layoutVersion = 2

type instance struct {
	Base   string `json:"base,omitempty"`
	Layout int    `json:"layout"`
}

// readInstance reads dir's instance record; ok is false when there is none.
func readInstance(dir string) (in instance, ok bool, err error) {
	p := filepath.Join(dir, instanceFile)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return instance{}, false, nil
	}
	if err != nil {
		return instance{}, false, err
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return instance{}, false, fmt.Errorf("%s: %w", p, err)
	}
	if in.Layout == 0 {
		in.Layout = 1 // written before layouts were recorded
	}
	return in, true, nil
}

// writeInstance replaces dir's instance record atomically.
func writeInstance(dir string, in instance) error {
	p := filepath.Join(dir, instanceFile)
	b, _ := json.MarshalIndent(in, "", "  ")
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
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
	in, ok, err := readInstance(dir)
	if err != nil {
		return "", err
	}
	if !ok || in.Base == "" {
		if flagValue == "" {
			return defaultBase, nil
		}
		return flagValue, nil
	}
	if flagValue != "" && flagValue != in.Base {
		return "", fmt.Errorf("the store in %s was created for base %s, not %s: its IRIs are minted under that base (use --base %s, or a new --data directory)", dir, in.Base, flagValue, in.Base)
	}
	return in.Base, nil
}

// recordBase writes the base into the instance record if it has none yet.
func recordBase(dir, base string) error {
	in, ok, err := readInstance(dir)
	if err != nil {
		return err
	}
	if ok && in.Base != "" {
		return nil
	}
	if !ok {
		in.Layout = layoutVersion
	}
	in.Base = base
	return writeInstance(dir, in)
}

// checkLayout refuses a store in dir that an older (or newer) build wrote.
// A store that does not exist yet is fine: it gets the current layout.
func checkLayout(dir string) error {
	in, ok, err := readInstance(dir)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(filepath.Join(dir, dbFile))
	exists := statErr == nil
	switch {
	case !exists:
		if !ok || in.Layout != layoutVersion {
			// A new store: whatever the record said, nothing old remains.
			return writeInstance(dir, instance{Base: in.Base, Layout: layoutVersion})
		}
		return nil
	case !ok:
		return &oldStoreError{dir: dir, layout: 1}
	case in.Layout < layoutVersion:
		return &oldStoreError{dir: dir, layout: in.Layout}
	case in.Layout > layoutVersion:
		return fmt.Errorf("de opslag in %s heeft indeling %d, van een nieuwere versie van maturity; deze versie leest indeling %d: gebruik de nieuwere versie (the store in %s has layout %d, from a newer build; this build reads layout %d: use the newer build)", dir, in.Layout, layoutVersion, dir, in.Layout, layoutVersion)
	}
	return nil
}

// checkModel refuses a store whose model graph holds the terms of layout 1
// (a backup of an older build restored under a current record): its model
// does not use the shared ontology.
func checkModel(dir, base string, snap *store.Snapshot) error {
	if _, ok, err := snap.Lookup(rdf.IRI(vocab.ModelGraph(base))); err != nil || !ok {
		return err
	}
	if _, ok, err := snap.Lookup(rdf.IRI(vocab.Mat("Domain"))); err != nil || ok {
		return err
	}
	return &oldStoreError{dir: dir, layout: 1}
}

// oldStoreError says that a store was made by an older build and what to do;
// in Dutch, and in English for an English locale (oneLine).
type oldStoreError struct {
	dir    string
	layout int
}

func (e *oldStoreError) Error() string {
	return fmt.Sprintf("de opslag in %[1]s is gemaakt door een oudere versie van maturity (indeling %[2]d; deze versie leest indeling %[3]d, "+
		"met het model en de ontologie onder de gedeelde IRI's %[4]s). Er is geen omzetting. Wat u kunt doen: "+
		"(1) bewaar wat u nodig hebt: 'maturity export --data %[1]s -o oud.nq' of 'maturity backup --data %[1]s oud.db' werken nog; "+
		"(2) start met een nieuwe map, bv. 'maturity serve --data %[1]s-nieuw' (het model wordt opnieuw geladen); "+
		"(3) importeer uw zelfevaluaties en bevragingen opnieuw uit hun CSV-bladen met 'maturity assess import' en 'maturity survey import'",
		e.dir, e.layout, layoutVersion, vocab.SharedBase)
}

// English is the message for an English locale.
func (e *oldStoreError) English() string {
	return fmt.Sprintf("the store in %[1]s was made by an older build of maturity (layout %[2]d; this build reads layout %[3]d, "+
		"with the model and the ontology under the shared IRIs %[4]s). There is no conversion. What you can do: "+
		"(1) keep what you need: 'maturity export --data %[1]s -o old.nq' or 'maturity backup --data %[1]s old.db' still work; "+
		"(2) start with a new directory, e.g. 'maturity serve --data %[1]s-new' (the model is loaded again); "+
		"(3) import your self-assessments and surveys again from their CSV sheets with 'maturity assess import' and 'maturity survey import'",
		e.dir, e.layout, layoutVersion, vocab.SharedBase)
}
