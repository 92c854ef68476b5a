package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/stadleuven/maturity/store"
)

// The admin socket. A running server holds the store's lock, and bbolt
// offers no way to read a file another process writes, so `maturity backup`
// asks the server instead: serve listens on a Unix socket in the data
// directory (DATA/admin/admin.sock, in a directory of mode 0700) and answers
// GET /backup with a consistent copy of the store. Whoever may connect to it
// may already read maturity.db beside it, so the file system's permissions
// are its access control; nothing of it is reachable over the network.
//
// The copy is written to an unlinked temporary file first and sent from
// there: the read transaction ends before the first byte goes out, so a
// slow reader cannot hold up a commit that grows the memory map (store/doc.go,
// Concurrency), and a kill leaves no file behind.

const (
	adminDir    = "admin"
	adminSocket = "admin.sock"
)

// adminSocketPath is where the server of the store in dir listens.
func adminSocketPath(dir string) string { return filepath.Join(dir, adminDir, adminSocket) }

// serveAdmin starts the admin socket of the store st in dir. The returned
// stop closes it and removes the socket. A socket path too long for the
// system is logged and skipped: backups then need the server stopped.
func serveAdmin(dir string, st *store.Store, log *slog.Logger) (stop func(), err error) {
	adir := filepath.Join(dir, adminDir)
	if err := os.MkdirAll(adir, 0o700); err != nil {
		return nil, fmt.Errorf("admin socket: %w", err)
	}
	if err := os.Chmod(adir, 0o700); err != nil {
		return nil, fmt.Errorf("admin socket: %w", err)
	}
	path := adminSocketPath(dir)
	// A socket left by a killed server: this process holds the store's
	// lock, so no other server listens there.
	os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		log.Warn("no admin socket: `maturity backup` needs the server stopped", "path", path, "err", err)
		return func() {}, nil
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /backup", func(w http.ResponseWriter, r *http.Request) {
		serveBackup(w, r, adir, st, log)
	})
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelDebug)}
	go hs.Serve(ln)
	return func() {
		hs.Close()
		os.Remove(path)
	}, nil
}

// serveBackup writes a backup of st to an unlinked file in dir, then sends
// it with its length.
func serveBackup(w http.ResponseWriter, r *http.Request, dir string, st *store.Store, log *slog.Logger) {
	f, err := os.CreateTemp(dir, "backup-*")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	os.Remove(f.Name())
	defer f.Close()
	start := time.Now()
	n, err := st.Backup(r.Context(), f)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		log.Error("backup", "err", err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	if _, err := io.Copy(w, f); err != nil {
		log.Warn("backup: client stopped reading", "err", err)
		return
	}
	log.Info("backup sent", "bytes", n, "dur", time.Since(start))
}

// errNoServer says that no running server answered on the admin socket.
var errNoServer = errors.New("no server answers on the admin socket")

// backupFromServer asks the server running on the store in dir for a
// backup and writes it to w. It returns errNoServer (wrapped) when no
// server listens.
func backupFromServer(ctx context.Context, dir string, w io.Writer) (int64, error) {
	path := adminSocketPath(dir)
	c := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		},
	}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://maturity/backup", nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%w (%s): %v", errNoServer, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return 0, fmt.Errorf("the server could not write a backup: %s: %s", resp.Status, b)
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, fmt.Errorf("backup from the server: %w", err)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return n, fmt.Errorf("backup from the server: %d of %d bytes", n, resp.ContentLength)
	}
	return n, nil
}
