package casework

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

// backend is a review store for the team tests: the data set's own SQLite
// file, and a fresh database on the PostgreSQL server make test starts
// (SAROS_REVIEW_TEST_PG).
type backend struct {
	name string
	dsn  func(t *testing.T, dir string) string
}

func backends(t *testing.T) []backend {
	bs := []backend{{"sqlite", func(t *testing.T, dir string) string {
		return filepath.Join(dir, filepath.FromSlash(review.DBFile))
	}}}
	pg := os.Getenv("SAROS_REVIEW_TEST_PG")
	if pg == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("SAROS_REVIEW_TEST_PG is not set: under CI the PostgreSQL tests must run (make test starts a server)")
		}
		t.Log("PostgreSQL tests skipped: run them with scripts/with-postgres.sh")
		return bs
	}
	return append(bs, backend{"postgres", func(t *testing.T, dir string) string {
		admin, err := sql.Open("pgx", pg)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		name := fmt.Sprintf("cw_%d_%d", time.Now().UnixNano(), rand.IntN(1e6))
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			t.Fatal(err)
		}
		return strings.Replace(pg, "/postgres?", "/"+name+"?", 1)
	}})
}

// openIn opens data set dir with the review store dsn and shows case i.
func (h *harness) openIn(dir, dsn string, i int) *Case {
	h.t.Helper()
	ds, err := store.Open(dir)
	if err != nil {
		h.t.Fatal(err)
	}
	rv, role, err := OpenReview(ds, dsn, false, 0)
	if err != nil {
		h.t.Fatal(err)
	}
	h.w.SetDataset(ds, rv, "display name", role)
	return h.show(ds, i)
}

// said reports whether a Message or Failed event so far contains text.
func (h *harness) said(text string) bool {
	for _, ev := range h.events {
		if ev.Kind == Message && strings.Contains(ev.Text, text) || ev.Kind == Failed && strings.Contains(ev.Err.Error(), text) {
			return true
		}
	}
	return false
}

// mapsOf reads both label map files of case c.
func mapsOf(t *testing.T, c *Case) []byte {
	t.Helper()
	var out []byte
	for _, p := range []string{c.Loaded.Case.Regions, c.Loaded.Case.Parts} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b...)
	}
	return out
}

// sleepPast makes d pass for the leases of rv: its clock on SQLite (set
// before any goroutine of the store reads it again: the lease's renewals
// tick only every third of an hour here), the locks moved back on
// PostgreSQL, whose server clock a test cannot move.
func sleepPast(t *testing.T, rv *review.Store, dsn string, d time.Duration) {
	t.Helper()
	if rv.Dialect() != "postgres" {
		now := rv.Now
		rv.Now = func() time.Time { return now().Add(d) }
		return
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE locks SET expires = expires - $1 WHERE dataset = $2`, d.Milliseconds(), rv.Dataset()); err != nil {
		t.Fatal(err)
	}
}

// TestTwoWindowsOfOneUser: the same person's second window cannot take
// the lock its first holds; it opens read-only, and its Ctrl+S writes
// nothing but says why, even with the session's read-only flag forced off
// (the fence is the lock, not a flag).
func TestTwoWindowsOfOneUser(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dir := demo(t)
			dsn := b.dsn(t, dir)
			h1, h2 := newHarness(t, 0), newHarness(t, 0)
			c1 := h1.openIn(dir, dsn, 0)
			c2 := h2.openIn(dir, dsn, 0)
			if !h1.w.HoldsLock() || h2.w.HoldsLock() {
				t.Fatalf("holds: first %v second %v", h1.w.HoldsLock(), h2.w.HoldsLock())
			}
			if h1.w.User() != h2.w.User() || h1.w.User() == "display name" {
				t.Fatalf("users %q %q: the store's login, not the display name", h1.w.User(), h2.w.User())
			}
			if !c2.Edit.ReadOnly || c2.LockedBy != h1.w.User() || !h2.said("opened read-only") {
				t.Fatalf("second window: read-only %v locked by %q, events %+v", c2.Edit.ReadOnly, c2.LockedBy, h2.events)
			}
			before := mapsOf(t, c1)
			c2.Edit.ReadOnly = false // as a window that forgot its flag
			dab(t, c2)
			var err error
			h2.w.Save(func(e error) { err = e })
			h2.settle()
			if !errors.Is(err, ErrNoLock) || !h2.said("not saved") || h2.count(Saved) != 0 {
				t.Fatalf("second window's save: %v", err)
			}
			if !bytes.Equal(before, mapsOf(t, c1)) {
				t.Fatal("the second window's save wrote the maps")
			}
			// The first window still saves.
			dab(t, c1)
			err = errors.New("not called")
			h1.w.Save(func(e error) { err = e })
			h1.settle()
			if err != nil {
				t.Fatalf("the lock holder's save: %v", err)
			}
			revs, rerr := h1.w.Review().Revisions(context.Background(), c1.ID)
			if rerr != nil || len(revs) != 1 || revs[0].Author != h1.w.User() {
				t.Errorf("revisions %+v %v", revs, rerr)
			}
		})
	}
}

// TestLeaseExpiryWhileAsleep: a window whose computer slept past its lease
// (on the store's clock) cannot save: the fence refuses, whether or not
// someone took the lock meanwhile; nothing is written, the window turns
// read-only at once saying why, the failure says what is on disk, and the
// edits go to the recovery files.
func TestLeaseExpiryWhileAsleep(t *testing.T) {
	for _, b := range backends(t) {
		for _, taken := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/taken=%v", b.name, taken), func(t *testing.T) {
				dir := demo(t)
				dsn := b.dsn(t, dir)
				h := &harness{t: t, loop: NewLoop()}
				h.w = New(Options{Do: h.loop.Do, Lease: time.Hour})
				h.w.Subscribe(func(ev Event) { h.events = append(h.events, ev) })
				t.Cleanup(func() { h.w.Shutdown(); h.settle() })
				c := h.openIn(dir, dsn, 0)
				if !h.w.HoldsLock() {
					t.Fatal("no lock")
				}
				before := mapsOf(t, c)
				dab(t, c)
				sleepPast(t, h.w.Review(), dsn, 2*time.Hour)
				want := "lease ran out"
				if taken {
					other, err := review.OpenAsLogin(context.Background(), dir, dsn, nil)
					if err != nil {
						t.Fatal(err)
					}
					defer other.Close()
					other.Now = h.w.Review().Now
					if err := other.Acquire(context.Background(), "colleague", c.ID, review.NewToken(), time.Hour); err != nil {
						t.Fatal(err)
					}
					want = "taken by"
				}
				var err error
				h.w.Save(func(e error) { err = e })
				h.settle()
				if !errors.Is(err, review.ErrLockLost) || !strings.Contains(err.Error(), want) {
					t.Fatalf("save after the lease: %v", err)
				}
				if !bytes.Equal(before, mapsOf(t, c)) {
					t.Fatal("a save without a valid lock replaced the maps")
				}
				if !c.Edit.ReadOnly || h.w.HoldsLock() || !h.said("read-only now") {
					t.Errorf("window not read-only: %v %v", c.Edit.ReadOnly, h.w.HoldsLock())
				}
				if !h.said("on disk: nothing changed") {
					t.Errorf("the failure does not say what is on disk: %v", h.failures())
				}
				if _, ok := c.Loaded.Case.RecoveryTime(); !ok {
					t.Error("the edits were not kept in the recovery files")
				}
				// Ctrl+S again: refused at once, saying why.
				n := len(h.events)
				h.w.Save(func(e error) { err = e })
				h.settle()
				if !errors.Is(err, ErrNoLock) || !strings.Contains(err.Error(), want) || len(h.events) == n {
					t.Errorf("second save: %v", err)
				}
			})
		}
	}
}

// TestRenewalLossTurnsReadOnly: a lease lost while the case is open (an
// admin broke the lock) is noticed by the next renewal: the window turns
// read-only at once and says why.
func TestRenewalLossTurnsReadOnly(t *testing.T) {
	h := &harness{t: t, loop: NewLoop()}
	h.w = New(Options{Do: h.loop.Do, Lease: 900 * time.Millisecond})
	h.w.Subscribe(func(ev Event) { h.events = append(h.events, ev) })
	t.Cleanup(func() { h.w.Shutdown(); h.settle() })
	dir := demo(t)
	c := h.openIn(dir, "", 0)
	if !h.w.HoldsLock() {
		t.Fatal("no lock")
	}
	if err := h.w.Review().BreakLock(context.Background(), h.w.User(), c.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if err := h.loop.Run(func() bool { return !h.w.HoldsLock() }, 10*time.Second); err != nil {
		t.Fatal("a broken lock was not noticed:", err)
	}
	if !c.Edit.ReadOnly || !h.said("lock of "+c.ID+" is lost") || !h.said("read-only now") {
		t.Errorf("read-only %v, events %+v", c.Edit.ReadOnly, h.events)
	}
}

// TestInterruptedSaveIsToldOnOpen: opening a case that holds a half-done
// save (both new files written, not renamed) undoes it and says so.
func TestInterruptedSaveIsToldOnOpen(t *testing.T) {
	dir := demo(t)
	ds, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cs := ds.Cases[0]
	type jf struct {
		Target string `json:"target"`
		Temp   string `json:"temp"`
	}
	var files []jf
	for _, p := range []string{cs.Regions, cs.Parts} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		temp := "." + filepath.Base(p) + ".tmp-1"
		if err := os.WriteFile(filepath.Join(filepath.Dir(p), temp), b, 0o644); err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(cs.Dir, p)
		files = append(files, jf{filepath.ToSlash(rel), filepath.ToSlash(filepath.Join(filepath.Dir(rel), temp))})
	}
	j, _ := json.Marshal(map[string]any{"files": files})
	jpath := filepath.Join(cs.Dir, filepath.FromSlash(store.SaveJournal))
	if err := os.MkdirAll(filepath.Dir(jpath), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(jpath, j, 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, 0)
	h.open(dir, "ann", 0)
	if !h.said("interrupted save was undone") {
		t.Errorf("no message of the undone save: %+v", h.events)
	}
}
