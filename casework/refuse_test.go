package casework

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

// caseFiles lists the files under case folder dir with their sizes and
// mtimes: what a write to a sidecar would change.
func caseFiles(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !d.IsDir() {
			fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// openBrowsing opens data set dir read-only (--read-only) on the review
// store dsn, which must exist, and shows case i.
func (h *harness) openBrowsing(dir, dsn string, i int) *Case {
	h.t.Helper()
	ds, err := store.Open(dir)
	if err != nil {
		h.t.Fatal(err)
	}
	rv, role, err := OpenReview(ds, dsn, true, 0)
	if err != nil || rv == nil {
		h.t.Fatalf("read-only open: %v (store %v)", err, rv)
	}
	h.w.ReadOnly = true
	h.w.SetDataset(ds, rv, "", role)
	return h.show(ds, i)
}

// TestReadOnlyRefusesStoreWritesPlainly: in --read-only a flag, a
// comment, an assignment and a slice review are refused by the model
// before the store is asked, with a "read-only: … refused" message and no
// database error; nothing reaches the store.
func TestReadOnlyRefusesStoreWritesPlainly(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dir := demo(t)
			dsn := b.dsn(t, dir)
			h0 := newHarness(t, 0)
			h0.openIn(dir, dsn, 0) // makes the store; its user is admin
			h0.w.Close()
			h0.settle()
			h := newHarness(t, 0)
			c := h.openBrowsing(dir, dsn, 0)
			h.w.AddFlag([3]int{10, 10, c.Layers.Regions.AnnotatedSlices()[0]}, "wrong label", "x")
			h.w.AddComment("hello", nil)
			h.w.Assign(c.ID, review.Assignment{Annotator: "ann", Reviewer: "rev"}, nil)
			h.w.AcceptSlice(c.Layers.Regions.AnnotatedSlices()[0])
			h.settle()
			for _, what := range []string{"read-only: flag " + c.ID + " refused", "read-only: comment on " + c.ID + " refused",
				"read-only: assign " + c.ID + " refused", "read-only: review slice"} {
				if !h.said(what) {
					t.Errorf("no %q message; events %+v", what, h.events)
				}
			}
			if f := h.failures(); len(f) > 0 {
				t.Errorf("store errors reached the user: %v", f)
			}
			rv := h0.w.Review()
			ctx := context.Background()
			flags, err := rv.Flags(ctx, c.ID)
			comments, cerr := rv.Comments(ctx, c.ID)
			st, serr := rv.Case(ctx, c.ID)
			if err != nil || cerr != nil || serr != nil || len(flags) != 0 || len(comments) != 0 || st.Annotator != "" {
				t.Errorf("the store changed: flags %v comments %v state %+v (%v %v %v)", flags, comments, st, err, cerr, serr)
			}
		})
	}
}

// TestReadOnlyCaseKeepsSidecarsInMemory: marking L3 and accepting a QC
// finding on a read-only case (--read-only, or another window holds the
// lock) change the case on screen, say it is not saved, and write no
// file of the case folder.
func TestReadOnlyCaseKeepsSidecarsInMemory(t *testing.T) {
	for _, mode := range []string{"--read-only", "locked elsewhere"} {
		t.Run(mode, func(t *testing.T) {
			dir := demo(t)
			dsn := filepath.Join(dir, filepath.FromSlash(review.DBFile))
			h1 := newHarness(t, 0)
			h1.openIn(dir, dsn, 0)
			h := newHarness(t, 0)
			var c *Case
			if mode == "--read-only" {
				c = h.openBrowsing(dir, dsn, 0)
			} else {
				c = h.openIn(dir, dsn, 0)
				if h.w.HoldsLock() || !c.Edit.ReadOnly {
					t.Fatal("the second window got the lock")
				}
			}
			folder := c.Loaded.Case.Dir
			before := caseFiles(t, folder)
			h.w.SetL3(store.L3Choice{K: 3, Source: "marked"})
			h.w.AcceptAll([]string{"sig-1"}, "looked at it")
			h.settle()
			if c.L3 == nil || c.L3.K != 3 || c.Accepted["sig-1"] != "looked at it" {
				t.Errorf("not kept in memory: L3 %+v accepted %v", c.L3, c.Accepted)
			}
			if !h.said("the L3 slice is kept on screen only, not saved") || !h.said("the finding is marked reviewed on screen only, not saved") {
				t.Errorf("not told: %+v", h.events)
			}
			if after := caseFiles(t, folder); after != before {
				t.Errorf("the case folder changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// TestRolelessLoginOnlyBrowses: a login the store knows no role of takes
// no edit lock; its case opens read-only saying "no role: an admin grants
// one"; a save is refused and writes nothing, and store writes are
// refused in the model. On PostgreSQL the login is a real database login
// without a role; on SQLite the operating system user after an admin
// took its role away.
func TestRolelessLoginOnlyBrowses(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dir := demo(t)
			dsn := b.dsn(t, dir)
			ds, err := store.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			owner, role, err := OpenReview(ds, dsn, false, 0)
			if err != nil || role != review.Admin {
				t.Fatalf("owner: %v, %v", role, err)
			}
			defer owner.Close()
			userDSN := dsn
			if b.name == "postgres" {
				userDSN = rolelessLogin(t, dsn)
			} else {
				// Another admin, and the OS user's own role gone.
				if err := owner.Grant(ctx, "someone-else", review.Admin); err != nil {
					t.Fatal(err)
				}
				db, err := sql.Open("sqlite", dsn)
				if err != nil {
					t.Fatal(err)
				}
				_, err = db.Exec(`DELETE FROM users WHERE name = $1`, owner.Login())
				db.Close()
				if err != nil {
					t.Fatal(err)
				}
			}
			h := newHarness(t, 0)
			c := h.openIn(dir, userDSN, 0)
			if h.w.Role() != "" {
				t.Fatalf("role %q, want none", h.w.Role())
			}
			if h.w.HoldsLock() || !c.Edit.ReadOnly || !h.said(c.ID+" opened read-only: no role: an admin grants one") {
				t.Fatalf("holds %v read-only %v; events %+v", h.w.HoldsLock(), c.Edit.ReadOnly, h.events)
			}
			if _, err := owner.LockOf(ctx, c.ID); !errors.Is(err, review.ErrNotFound) {
				t.Errorf("a lock was taken: %v", err)
			}
			before := mapsOf(t, c)
			c.Edit.ReadOnly = false // as a window that forgot its flag
			dab(t, c)
			err = errors.New("not called")
			h.w.Save(func(e error) { err = e })
			h.settle()
			if !errors.Is(err, ErrNoLock) || !strings.Contains(err.Error(), "no role") || h.count(Saved) != 0 {
				t.Errorf("save: %v", err)
			}
			if !bytes.Equal(before, mapsOf(t, c)) {
				t.Error("the roleless save wrote the maps")
			}
			h.w.AddFlag([3]int{10, 10, c.Layers.Regions.AnnotatedSlices()[0]}, "wrong label", "x")
			h.settle()
			if !h.said("read-only (no role: an admin grants one): flag " + c.ID + " refused") {
				t.Errorf("flag not refused plainly: %+v", h.events)
			}
			if flags, err := owner.Flags(ctx, c.ID); err != nil || len(flags) != 0 {
				t.Errorf("flags %v %v", flags, err)
			}
		})
	}
}

// rolelessLogin makes a PostgreSQL login with the table rights of the
// README's team set-up and no role in the review store, and returns dsn
// as that login.
func rolelessLogin(t *testing.T, dsn string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	login := fmt.Sprintf("norole_%d", rand.IntN(1e9))
	for _, q := range []string{
		`CREATE ROLE ` + login + ` LOGIN`,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON cases, locks, flags, comments, revisions, case_slices, slice_reviews, readers TO ` + login,
		`GRANT SELECT, INSERT ON status_events, agreements, reader_saves TO ` + login,
		`GRANT SELECT, INSERT ON audit TO ` + login,
		`GRANT SELECT ON users, schema_version TO ` + login,
	} {
		if _, err := admin.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(login)
	return u.String()
}
