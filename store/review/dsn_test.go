package review

import (
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/saros-review/saros-review/internal/silent"
)

// TestParseTarget: PostgreSQL URLs in any case of the scheme, SQLite
// paths, and everything else refused with an error naming it.
func TestParseTarget(t *testing.T) {
	for _, c := range []struct {
		in, want string // want: "pg", "sqlite" or a piece of the error
	}{
		{"postgres://u@h:5432/db", "pg"},
		{"postgresql://u@h/db?sslmode=disable", "pg"},
		{"PostgreSQL://u@h/db", "pg"},
		{"POSTGRES://u@h/db", "pg"},
		{"review.sqlite", "sqlite"},
		{"/data/set #1/.saros-review/review.sqlite", "sqlite"},
		{"/data/what?/review.sqlite", "sqlite"},
		{`C:\data\review.sqlite`, "sqlite"},
		{"mysql://u@h/db", `scheme "mysql" is not supported`},
		{"sqlite:///tmp/x.sqlite", `scheme "sqlite" is not supported`},
		{"HTTP://h/x", `scheme "HTTP" is not supported`},
		{"host=db dbname=saros", "keyword=value"},
		{"", "empty"},
		{"mysql://u:secret@h/db", "xxxxx"},
	} {
		tg, err := ParseTarget(c.in)
		switch c.want {
		case "pg":
			if err != nil || !tg.Postgres || !strings.HasPrefix(tg.URL, "postgres") {
				t.Errorf("%q: %+v %v", c.in, tg, err)
			}
		case "sqlite":
			if err != nil || tg.Postgres || !filepath.IsAbs(tg.Path) {
				t.Errorf("%q: %+v %v", c.in, tg, err)
			}
		default:
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "secret") {
				t.Errorf("%q: want an error with %q, got %+v %v", c.in, c.want, tg, err)
			}
		}
	}
	if tg, _ := ParseTarget("PostgreSQL://u@h:7/db"); tg.URL != "postgresql://u@h:7/db" || tg.Host != "h:7" {
		t.Errorf("scheme not normalised: %+v", tg)
	}
}

// TestOddFolderNamesKeepTheirOwnFile: '#', '?' and '%' in folder names
// are part of the SQLite file's path, so two data sets never share one.
func TestOddFolderNamesKeepTheirOwnFile(t *testing.T) {
	base := t.TempDir()
	for _, name := range []string{"set#1", "set?a=b", "set%20x", "set #2?x#y"} {
		dir := filepath.Join(base, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		s := open(t, filepath.Join(dir, "review.sqlite"))
		if err := s.EnsureCases(ctx, "case_"+strings.NewReplacer("#", "h", "?", "q", "%", "p", " ", "_", "=", "e").Replace(name)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := os.Stat(filepath.Join(dir, "review.sqlite")); err != nil {
			t.Errorf("%s: the store is not where it was asked for: %v", name, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(base, "set*"))
	if len(left) != 4 {
		t.Errorf("stray files beside the data sets: %v", left)
	}
	for _, name := range []string{"set#1", "set?a=b", "set%20x", "set #2?x#y"} {
		s := open(t, filepath.Join(base, name, "review.sqlite"))
		all, err := s.Summaries(ctx)
		if err != nil || len(all) != 1 {
			t.Errorf("%s: %d cases (%v): data sets share a file", name, len(all), err)
		}
	}
}

// TestSilentServerIsReportedWithinTheTimeout: a server that accepts and
// never answers gives "not answering" within the timeout, not a hang.
func TestSilentServerIsReportedWithinTheTimeout(t *testing.T) {
	addr := silent.Server(t)
	start := time.Now()
	_, err := OpenWith(ctx, Options{DSN: "postgres://u@" + addr + "/db?sslmode=disable", Timeout: time.Second})
	took := time.Since(start)
	if !errors.Is(err, ErrNotAnswering) {
		t.Fatalf("want not answering, got %v", err)
	}
	want := "review store at " + addr + " is not answering (timeout 1s)"
	if err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if took > 3*time.Second {
		t.Errorf("took %v with a 1 s timeout", took)
	}
}

// proxy forwards TCP to target until silenced; then it keeps the
// connections open and forwards nothing (a server that stopped answering).
type proxy struct {
	addr   string
	silent atomic.Bool
}

func newProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{addr: ln.Addr().String()}
	var mu sync.Mutex
	var open []net.Conn
	pipe := func(dst, src net.Conn) {
		buf := make([]byte, 32<<10)
		for {
			n, err := src.Read(buf)
			if err != nil {
				return
			}
			if p.silent.Load() {
				io.Copy(io.Discard, src)
				return
			}
			if _, err := dst.Write(buf[:n]); err != nil {
				return
			}
		}
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			mu.Lock()
			open = append(open, c, s)
			mu.Unlock()
			go pipe(s, c)
			go pipe(c, s)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range open {
			c.Close()
		}
		mu.Unlock()
	})
	return p
}

// TestServerThatStopsAnswering: connected and working, then the server
// goes silent: the next call fails as not answering within the timeout.
func TestServerThatStopsAnswering(t *testing.T) {
	for _, b := range backends(t) {
		if b.name != "postgres" {
			continue
		}
		dsn := b.dsn(t)
		tg, _ := ParseTarget(dsn)
		p := newProxy(t, tg.Host)
		s, err := OpenWith(ctx, Options{DSN: strings.Replace(dsn, tg.Host, p.addr, 1), Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.EnsureCases(ctx, "case_000"); err != nil {
			t.Fatal(err)
		}
		p.silent.Store(true)
		start := time.Now()
		_, err = s.Summaries(ctx)
		if !errors.Is(err, ErrNotAnswering) || !strings.Contains(err.Error(), p.addr) {
			t.Fatalf("want not answering at %s, got %v", p.addr, err)
		}
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("took %v with a 1 s timeout", took)
		}
	}
}

// TestBusySQLiteIsReportedWithinTheTimeout: a SQLite file another writer
// holds past the busy timeout gives "not answering", not a hang.
func TestBusySQLiteIsReportedWithinTheTimeout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "review.sqlite")
	holder := open(t, path)
	tx, err := holder.db.BeginTx(ctx, nil) // takes the write lock at once
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	other, err := OpenWith(ctx, Options{DSN: path, Timeout: 300 * time.Millisecond, TrustNames: true})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	start := time.Now()
	err = other.EnsureCases(ctx, "case_000")
	if !errors.Is(err, ErrNotAnswering) || !strings.Contains(err.Error(), path) {
		t.Fatalf("want not answering naming %s, got %v", path, err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("took %v with a 300 ms timeout", took)
	}
}

// FuzzParseTarget: any setting is either refused or taken as exactly one
// thing: a PostgreSQL URL, or a SQLite path whose file URI names that very
// path (no '#' or '?' in a folder name can cut it short).
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"postgres://u@h/db", "PostgreSQL://h", "mysql://x", "a#b?c=d/review.sqlite", "%41/x", "host=h", "", "x:/y", "C:\\a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tg, err := ParseTarget(s)
		if err != nil {
			return
		}
		if tg.Postgres {
			if !strings.HasPrefix(tg.URL, "postgres://") && !strings.HasPrefix(tg.URL, "postgresql://") {
				t.Fatalf("%q: URL %q", s, tg.URL)
			}
			return
		}
		u, err := url.Parse(sqliteDSN(tg.Path, time.Second, false))
		if err != nil || u.Path != filepath.ToSlash(tg.Path) {
			t.Fatalf("%q: path %q, DSN names %q (%v)", s, tg.Path, u.Path, err)
		}
	})
}
