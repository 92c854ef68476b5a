package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/stadleuven/maturity/store"
)

// dbFile is the store's file inside the --data directory.
const dbFile = "maturity.db"

// openStore opens (or creates) the store in dir, creating dir if needed. A
// store an older build made is refused (checkLayout): its IRIs are not the
// ones this build mints and reads.
func openStore(dir string) (*store.Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	if err := checkLayout(dir); err != nil {
		return nil, err
	}
	return store.Open(filepath.Join(dir, dbFile), nil)
}

// openAnyStore opens the store in dir whatever its layout: for the commands
// that only read or copy quads (export, backup, stats, check), which the
// message about an older store tells the user to run.
func openAnyStore(dir string) (*store.Store, error) {
	if _, err := os.Stat(filepath.Join(dir, dbFile)); err != nil {
		return openStore(dir)
	}
	return store.Open(filepath.Join(dir, dbFile), nil)
}

// withSnapshot opens the store in dir and runs fn on a read snapshot.
func withSnapshot(dir string, fn func(*store.Snapshot) error) error {
	return snapshotOf(openStore, dir, fn)
}

// withAnySnapshot is withSnapshot for a store of any layout.
func withAnySnapshot(dir string, fn func(*store.Snapshot) error) error {
	return snapshotOf(openAnyStore, dir, fn)
}

func snapshotOf(open func(string) (*store.Store, error), dir string, fn func(*store.Snapshot) error) error {
	st, err := open(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	snap, err := st.Snapshot()
	if err != nil {
		return err
	}
	defer snap.Close()
	return fn(snap)
}

func runStats(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "stats", "[--data DIR]")
	data := dataFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withAnySnapshot(*data, func(snap *store.Snapshot) error { return printStats(ctx, sio, snap) })
}

func printStats(ctx context.Context, sio stdio, snap *store.Snapshot) error {
	stats, err := snap.Stats()
	if err != nil {
		return err
	}
	infos, err := snap.GraphInfos(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(sio.out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "quads\t%d\nterms\t%d\ngraphs\t%d\nfile bytes\t%d\n\n", stats.Quads, stats.Terms, stats.Graphs, stats.FileBytes)
	fmt.Fprintln(tw, "GRAPH\tQUADS\tMODIFIED")
	for _, g := range infos {
		name := "(default graph)"
		if !g.Graph.IsZero() {
			name = g.Graph.Value
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", name, g.Quads, g.Modified.UTC().Format("2006-01-02T15:04:05Z"))
	}
	return tw.Flush()
}

func runCheck(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "check", "[--data DIR]")
	data := dataFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openAnyStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		return err
	}
	fmt.Fprintln(sio.out, "ok")
	return nil
}

func runBackup(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "backup", "[--data DIR] FILE")
	data := dataFlag(fs)
	file, err := oneArg(fs, args, "backup FILE")
	if err != nil {
		return err
	}
	st, err := openAnyStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	// Write beside the target and rename, so a failed backup never leaves
	// a truncated file under the final name.
	tmp, err := os.CreateTemp(filepath.Dir(file), ".backup-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := st.Backup(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return err
	}
	fmt.Fprintf(sio.err, "wrote %s (%d bytes)\n", file, n)
	return nil
}

func runRestore(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "restore", "[--data DIR] FILE")
	data := dataFlag(fs)
	file, err := oneArg(fs, args, "backup FILE")
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := os.MkdirAll(*data, 0o755); err != nil {
		return err
	}
	if err := store.Restore(filepath.Join(*data, dbFile), f); err != nil {
		return fmt.Errorf("restore %s: %w", file, err)
	}
	// The backup carries no instance record. Record the current layout
	// (keeping a recorded base): a backup of an older build is still
	// caught, by its model (checkModel).
	in, _, err := readInstance(*data)
	if err != nil {
		return err
	}
	if err := writeInstance(*data, instance{Base: in.Base, Layout: layoutVersion}); err != nil {
		return err
	}
	fmt.Fprintf(sio.err, "restored %s into %s\n", file, *data)
	return nil
}
