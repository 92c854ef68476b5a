package httpx

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// ConnLimit caps the connections a server keeps open, so that clients
// that open many and leave them idle (keep-alive, or on purpose) cannot use
// up the process's file descriptors. At the cap, the connection idle the
// longest is closed to make room (clients reopen idle connections as a
// matter of course); when none is idle, new connections wait in the
// kernel's accept queue until one ends.
//
// Use Listener for http.Server.Serve and ConnState as the server's
// ConnState hook.
type ConnLimit struct {
	max int

	mu     sync.Mutex
	cond   *sync.Cond
	open   int
	idle   map[net.Conn]time.Time // idle since
	closed bool
}

// NewConnLimit returns a limit of n connections (at least 1).
func NewConnLimit(n int) *ConnLimit {
	l := &ConnLimit{max: max(1, n), idle: map[net.Conn]time.Time{}}
	l.cond = sync.NewCond(&l.mu)
	return l
}

// Open returns the number of connections open now.
func (l *ConnLimit) Open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.open
}

// Listener wraps ln so that it accepts connections only within the limit.
func (l *ConnLimit) Listener(ln net.Listener) net.Listener {
	return &limitListener{Listener: ln, l: l}
}

// ConnState tracks which connections are idle (http.Server.ConnState).
func (l *ConnLimit) ConnState(c net.Conn, st http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if st == http.StateIdle {
		l.idle[c] = time.Now()
	} else {
		delete(l.idle, c)
	}
}

// reserve takes a place for a new connection, closing the longest idle
// one at the cap, or waiting for one to end. It fails once the listener
// is closed.
func (l *ConnLimit) reserve() bool {
	l.mu.Lock()
	for !l.closed && l.open >= l.max {
		var oldest net.Conn
		var since time.Time
		for c, t := range l.idle {
			if oldest == nil || t.Before(since) {
				oldest, since = c, t
			}
		}
		if oldest == nil {
			l.cond.Wait()
			continue
		}
		delete(l.idle, oldest)
		l.mu.Unlock()
		oldest.Close() // its release makes room
		l.mu.Lock()
	}
	if l.closed {
		l.mu.Unlock()
		return false
	}
	l.open++
	l.mu.Unlock()
	return true
}

func (l *ConnLimit) release(c net.Conn) {
	l.mu.Lock()
	l.open--
	delete(l.idle, c)
	l.cond.Signal()
	l.mu.Unlock()
}

type limitListener struct {
	net.Listener
	l *ConnLimit
}

func (ln *limitListener) Accept() (net.Conn, error) {
	if !ln.l.reserve() {
		return nil, net.ErrClosed
	}
	c, err := ln.Listener.Accept()
	if err != nil {
		ln.l.release(nil)
		return nil, err
	}
	return &limitConn{Conn: c, l: ln.l}, nil
}

func (ln *limitListener) Close() error {
	ln.l.mu.Lock()
	ln.l.closed = true
	ln.l.cond.Broadcast()
	ln.l.mu.Unlock()
	return ln.Listener.Close()
}

type limitConn struct {
	net.Conn
	l    *ConnLimit
	once sync.Once
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { c.l.release(c) })
	return err
}
