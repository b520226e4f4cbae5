// Package silent gives tests a server that hangs: it listens on loopback,
// accepts every connection and never answers, as a stalled database
// server does. Only tests import it.
package silent

import (
	"net"
	"sync"
	"testing"
)

// Server starts the silent server for the test and returns its address
// (host:port); it and its connections are closed when the test ends.
func Server(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	return ln.Addr().String()
}

// PostgresURL is a PostgreSQL URL naming the silent server of the test.
func PostgresURL(t testing.TB) string {
	t.Helper()
	return "postgres://saros@" + Server(t) + "/saros?sslmode=disable"
}
