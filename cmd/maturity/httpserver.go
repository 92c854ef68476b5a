package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/stadleuven/maturity/internal/httpx"
)

// Defaults of serve's HTTP server limits (SECURITY.md lists them all).
const (
	defaultReadHeaderTimeout = 10 * time.Second
	defaultBodyTimeout       = 30 * time.Second
	defaultWriteTimeout      = 60 * time.Second
	defaultIdleTimeout       = 30 * time.Second
	defaultMaxHeaderBytes    = 64 << 10
	defaultMaxConns          = 1024
)

// httpFlags are serve's limits on what a client may hold of the server:
// time to send headers and body, time to take each part of an answer,
// idle keep-alive connections, header size and open connections.
type httpFlags struct {
	readHeader, body, write, idle *time.Duration
	maxHeader                     byteSize
	maxConns                      *int
}

func addHTTPFlags(fl *flag.FlagSet) *httpFlags {
	f := &httpFlags{maxHeader: defaultMaxHeaderBytes}
	f.readHeader = fl.Duration("read-header-timeout", defaultReadHeaderTimeout, tr("tijd die een client krijgt om de headers van een verzoek te sturen", "time a client has to send a request's headers"))
	f.body = fl.Duration("body-timeout", defaultBodyTimeout, tr("tijd die een client krijgt om de inhoud van een verzoek te sturen (een query, een formulier, een blad)", "time a client has to send a request's body (a query, a form, a sheet)"))
	f.write = fl.Duration("write-timeout", defaultWriteTimeout, tr("tijd die een client krijgt om elk deel van een antwoord af te nemen; een dump van elke grootte stroomt naar een client die blijft lezen", "time a client has to take each part of an answer; a dump of any size streams to a client that keeps reading"))
	f.idle = fl.Duration("idle-timeout", defaultIdleTimeout, tr("hoe lang een ongebruikte keep-alive-verbinding open blijft", "time an idle keep-alive connection stays open"))
	fl.Var(&f.maxHeader, "max-header-bytes", tr("grootste blok headers van een verzoek", "largest request header block"))
	f.maxConns = fl.Int("max-conns", defaultMaxConns, tr("gelijktijdig open verbindingen; aan de grens wordt de langst ongebruikte gesloten, anders wachten nieuwe", "connections open at once; at the limit the longest idle one is closed, else new ones wait"))
	return f
}

// serveHTTP serves h on ln with these limits until ctx ends, then shuts
// down gracefully.
func (f *httpFlags) serveHTTP(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	if *f.maxConns < 1 {
		return fmt.Errorf("--max-conns must be at least 1")
	}
	warnFileLimit(*f.maxConns, log)
	conns := httpx.NewConnLimit(*f.maxConns)
	hs := &http.Server{
		Handler:           httpx.Deadlines(h, *f.body, *f.write),
		ReadHeaderTimeout: *f.readHeader,
		IdleTimeout:       *f.idle,
		MaxHeaderBytes:    int(f.maxHeader),
		ConnState:         conns.ConnState,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(conns.Listener(ln)) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
