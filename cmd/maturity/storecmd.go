package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"text/tabwriter"
	"time"

	"github.com/stadleuven/maturity/store"
)

// dbFile is the store's file inside the --data directory.
const dbFile = "maturity.db"

// openStore opens (or creates) the store in dir, creating dir if needed. A
// store an older build made is refused (checkLayout): its IRIs are not the
// ones this build mints and reads.
func openStore(dir string) (*store.Store, error) { return openStoreWith(dir, nil) }

// openStoreWith is openStore with options.
func openStoreWith(dir string, opts *store.Options) (*store.Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	if err := checkLayout(dir); err != nil {
		return nil, err
	}
	return store.Open(filepath.Join(dir, dbFile), opts)
}

// openExisting opens the store in dir read-only (a shared lock, so that
// several readers may run at once), failing when there is none.
func openExisting(dir string) (*store.Store, error) {
	path := filepath.Join(dir, dbFile)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no store in %s: %w", dir, err)
	}
	return store.Open(path, &store.Options{ReadOnly: true})
}

// memFlag registers --mem, the memory budget of imports and compaction.
func memFlag(fs *flag.FlagSet) *byteSize {
	b := byteSize(store.DefaultImportMemory)
	fs.Var(&b, "mem", tr("geheugenbudget (bv. 512MiB, 2GiB); grotere imports worden op schijf naast de opslag gesorteerd", "memory budget (e.g. 512MiB, 2GiB); larger imports are sorted on disk beside the store"))
	return &b
}

// setMemoryLimit makes the garbage collector work to keep the Go heap
// within three quarters of the budget (the rest is for what the runtime
// does not count: the store file's mapped pages, fragmentation), unless
// GOMEMLIMIT says otherwise. Left alone, it lets garbage grow to twice the
// live heap, which a bulk import's buffers make large.
func setMemoryLimit(budget int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(budget / 4 * 3)
	}
}

// withSnapshot opens the store in dir read-only and runs fn on a snapshot.
func withSnapshot(dir string, fn func(*store.Snapshot) error) error {
	return snapshotOf(dir, true, fn)
}

// withAnySnapshot is withSnapshot for a store of any layout: for the
// commands that only read or copy quads (export, stats), which the message
// about an older store tells the user to run.
func withAnySnapshot(dir string, fn func(*store.Snapshot) error) error {
	return snapshotOf(dir, false, fn)
}

func snapshotOf(dir string, layout bool, fn func(*store.Snapshot) error) error {
	st, err := openExisting(dir)
	if err == nil && layout {
		if err = checkLayout(dir); err != nil {
			st.Close()
		}
	}
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
	st, err := openExisting(*data)
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
	// bbolt's read-only open takes a shared lock, which a server's
	// exclusive lock excludes: while serve runs, the backup comes through
	// it (adminsock.go).
	st, err := openExisting(*data)
	locked := errors.Is(err, store.ErrLocked)
	if err != nil && !locked {
		return err
	}
	if st != nil {
		defer st.Close()
	}
	// Write beside the target and rename, so a failed backup never leaves
	// a truncated file under the final name.
	tmp, err := os.CreateTemp(filepath.Dir(file), ".backup-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	var n int64
	if locked {
		n, err = backupFromServer(ctx, *data, tmp)
		if errors.Is(err, errNoServer) {
			err = fmt.Errorf("%w, and %v: stop the process that holds it (an import, a compaction?) and try again", store.ErrLocked, err)
		}
	} else {
		n, err = st.Backup(ctx, tmp)
	}
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

func runCompact(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "compact", "[--data DIR] [--mem SIZE]")
	data := dataFlag(fs)
	mem := memFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := filepath.Join(*data, dbFile)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no store in %s: %w", *data, err)
	}
	st, err := store.Open(path, &store.Options{ImportMemory: int64(*mem)})
	if err != nil {
		return err
	}
	defer st.Close()
	setMemoryLimit(int64(*mem))
	cs, err := st.Compact(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(sio.err, "compacted %s in %s: %d → %d bytes (%d quads; %d → %d terms, %d dropped IRIs kept as tombstones)\n",
		*data, cs.Duration.Round(time.Millisecond), cs.BytesBefore, cs.BytesAfter, cs.Quads, cs.TermsBefore, cs.TermsAfter, cs.Tombstones)
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
