package review

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestDatasetIDIsMadeOnceAndKept: the first call makes the id, later ones
// (and racing ones) read the same; without create a missing id is an error.
func TestDatasetIDIsMadeOnceAndKept(t *testing.T) {
	root := t.TempDir()
	if _, err := DatasetID(root, false); err == nil {
		t.Fatal("no id file, no create: want an error")
	}
	if _, err := os.Stat(filepath.Join(root, ".saros-review")); !os.IsNotExist(err) {
		t.Fatal("looking for the id created the folder")
	}
	ids := make([]string, 8)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := DatasetID(root, true)
			if err != nil {
				t.Error(err)
			}
			ids[i] = id
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] || !validUUID(id) {
			t.Fatalf("racing creators disagree: %v", ids)
		}
	}
	if again, _ := DatasetID(root, false); again != ids[0] {
		t.Errorf("id changed: %s then %s", ids[0], again)
	}
	if other, _ := DatasetID(t.TempDir(), true); other == ids[0] {
		t.Error("two data sets got one id")
	}
	os.WriteFile(filepath.Join(root, filepath.FromSlash(DatasetFile)), []byte(`{"id":"case_000"}`), 0o644)
	if _, err := DatasetID(root, true); err == nil || !strings.Contains(err.Error(), "not a UUID") {
		t.Errorf("a broken id file: %v", err)
	}
}

// sharedDSN is the store of a backend that several data sets share.
func sharedDSN(t *testing.T, b backend) string { return b.dsn(t) }

// TestTwoDatasetsOnOneStoreShareNothing: two data sets on one database
// (PostgreSQL, or one SQLite file named by both) never see each other's
// status, lock, flags, comments, revisions or audit of case_000.
func TestTwoDatasetsOnOneStoreShareNothing(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := sharedDSN(t, b)
			rootA, rootB := t.TempDir(), t.TempDir()
			a, err := OpenAsLogin(ctx, rootA, dsn, []string{"case_000", "case_001"})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			bs, err := OpenFor(ctx, rootB, dsn, []string{"case_000"})
			if err != nil {
				t.Fatal(err)
			}
			defer bs.Close()
			if a.Dataset() == bs.Dataset() {
				t.Fatal("one id for two data sets")
			}
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(a.AddUser(ctx, a.Login(), Annotator))
			must(a.Transition(ctx, "ann", "case_000", New, InProgress, "", ""))
			must(a.TakeLock(ctx, "ann", "case_000", time.Minute))
			_, err = a.AddFlag(ctx, Flag{Case: "case_000", Map: "regions", Slice: 5, Label: -1, I: -1, J: -1, Category: Other, Comment: "x", Author: "ann"})
			must(err)
			must(a.AddComment(ctx, "ann", "case_000", "hello"))
			_, err = a.AddRevision(ctx, Revision{Case: "case_000", Author: "ann", Path: filepath.Join(rootA, "case_000", "h1")})
			must(err)

			if c, err := bs.Case(ctx, "case_000"); err != nil || c.Status != New {
				t.Errorf("B's case_000 took A's status: %+v %v", c, err)
			}
			if err := bs.TakeLock(ctx, "ann2", "case_000", time.Minute); err != nil {
				t.Errorf("B's case_000 is locked by A's lock: %v", err)
			}
			if f, _ := bs.Flags(ctx, "case_000"); len(f) != 0 {
				t.Errorf("B sees A's flags: %v", f)
			}
			if c, _ := bs.Comments(ctx, "case_000"); len(c) != 0 {
				t.Errorf("B sees A's comments: %v", c)
			}
			if r, _ := bs.Revisions(ctx, "case_000"); len(r) != 0 {
				t.Errorf("B sees A's revisions: %v", r)
			}
			if e, _ := bs.Audit(ctx, "case_000"); len(e) != 0 {
				t.Errorf("B sees A's audit: %v", e)
			}
			if s, _ := bs.Summaries(ctx); len(s) != 1 || s[0].OpenFlags != 0 || s[0].Status != New {
				t.Errorf("B's worklist: %+v", s)
			}
			if s, _ := a.Summaries(ctx); len(s) != 2 || s[0].OpenFlags != 1 || s[0].Status != InProgress {
				t.Errorf("A's worklist: %+v", s)
			}
			if l, err := a.LockOf(ctx, "case_000"); err != nil || l.Holder != a.Login() {
				t.Errorf("A's lock: %+v %v", l, err)
			}
		})
	}
}

// TestRevisionsAreRelativeToTheDataset: a revision saved under one mount
// of the data set is found under another mount of it (a colleague's).
func TestRevisionsAreRelativeToTheDataset(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			if b.name == "sqlite" {
				dsn = filepath.Join(t.TempDir(), "shared.sqlite")
			}
			mine, theirs := t.TempDir(), t.TempDir()
			a, err := OpenFor(ctx, mine, dsn, []string{"case_000"})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			rev := filepath.Join(mine, "case_000", ".saros-review", "history", "20260101T000000Z")
			outside := filepath.Join(t.TempDir(), "elsewhere")
			for _, p := range []string{rev, outside} {
				if _, err := a.AddRevision(ctx, Revision{Case: "case_000", Author: "ann", Path: p}); err != nil {
					t.Fatal(err)
				}
			}
			var stored string
			if err := a.db.QueryRowContext(ctx, `SELECT path FROM revisions WHERE dataset = $1 ORDER BY id`, a.Dataset()).Scan(&stored); err != nil {
				t.Fatal(err)
			}
			if stored != "case_000/.saros-review/history/20260101T000000Z" {
				t.Errorf("stored %q, want a path relative to the data set", stored)
			}
			// The colleague's copy of the folder carries the same id file.
			os.MkdirAll(filepath.Join(theirs, ".saros-review"), 0o755)
			b, _ := os.ReadFile(filepath.Join(mine, filepath.FromSlash(DatasetFile)))
			os.WriteFile(filepath.Join(theirs, filepath.FromSlash(DatasetFile)), b, 0o644)
			c, err := OpenFor(ctx, theirs, dsn, []string{"case_000"})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			rs, err := c.Revisions(ctx, "case_000")
			if err != nil || len(rs) != 2 {
				t.Fatalf("%v %v", rs, err)
			}
			if want := filepath.Join(theirs, "case_000", ".saros-review", "history", "20260101T000000Z"); rs[0].Path != want {
				t.Errorf("revision at %q, want %q", rs[0].Path, want)
			}
			if rs[1].Path != outside {
				t.Errorf("a folder outside the data set: %q, want %q", rs[1].Path, outside)
			}
		})
	}
}

// TestMigrationKeepsRowsOfBeforeDatasets: a store made by the first
// schema (rows keyed by case id alone) keeps its rows, which the data set
// that opens it first takes as its own.
func TestMigrationKeepsRowsOfBeforeDatasets(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			root := t.TempDir()
			if b.name == "sqlite" {
				dsn = filepath.Join(root, filepath.FromSlash(DBFile))
				os.MkdirAll(filepath.Dir(dsn), 0o755)
			}
			old := open(t, dsn)
			// Back to schema 1 with its rows, as an older program left it.
			for _, q := range []string{`DROP TABLE cases`, `DROP TABLE locks`, `DROP TABLE flags`, `DROP TABLE comments`,
				`DROP TABLE revisions`, `DROP TABLE audit`, `DROP TABLE users`,
				`DROP TABLE case_slices`, `DROP TABLE slice_reviews`, `DROP TABLE status_events`, `DROP TABLE agreements`, `DROP TABLE readers`, `DROP TABLE reader_saves`} {
				if _, err := old.db.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			id := "INTEGER PRIMARY KEY AUTOINCREMENT"
			if b.name == "postgres" {
				id = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
			}
			for _, q := range strings.Split(strings.ReplaceAll(migrations[0], "{{id}}", id), ";") {
				if strings.TrimSpace(q) != "" {
					if _, err := old.db.ExecContext(ctx, q); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, q := range []string{`UPDATE schema_version SET version = 1`,
				`INSERT INTO users (name, role) VALUES ('ann', 'annotator')`,
				`INSERT INTO cases (id, status, updated) VALUES ('case_000', 'submitted', 1)`,
				`INSERT INTO flags (case_id, map, slice, label, i, j, category, comment, author, created) VALUES ('case_000', 'regions', 5, -1, -1, -1, 'other', 'old flag', 'ann', 1)`,
				`INSERT INTO audit (case_id, actor, action, detail, created) VALUES ('case_000', 'ann', 'status', 'new → submitted', 1)`} {
				if _, err := old.db.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			old.Close()
			s, err := OpenFor(ctx, root, dsn, []string{"case_000", "case_001"})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if c, err := s.Case(ctx, "case_000"); err != nil || c.Status != Submitted {
				t.Errorf("old case row: %+v %v", c, err)
			}
			if f, _ := s.Flags(ctx, "case_000"); len(f) != 1 || f[0].Comment != "old flag" {
				t.Errorf("old flags: %+v", f)
			}
			if e, _ := s.Audit(ctx, "case_000"); len(e) != 1 {
				t.Errorf("old audit: %+v", e)
			}
			if v, _ := s.SchemaVersion(ctx); v != len(migrations) {
				t.Errorf("schema %d", v)
			}
		})
	}
}

// A data set opened by a relative path (saros-review DATASET from its
// parent folder) stores its revision folders relative to the data set
// too, not to the folder the program started in: opened later by its
// absolute path, the revisions are found.
func TestRevisionsOfARelativeDataset(t *testing.T) {
	parent := t.TempDir()
	t.Chdir(parent)
	root := filepath.Join(parent, "realct")
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	a, err := OpenFor(ctx, "realct", "", []string{"case_000"})
	if err != nil {
		t.Fatal(err)
	}
	rev := filepath.Join("realct", "case_000", ".saros-review", "history", "20260101T000000Z")
	if _, err := a.AddRevision(ctx, Revision{Case: "case_000", Author: "ann", Path: rev}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	b, err := OpenFor(ctx, root, "", []string{"case_000"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rs, err := b.Revisions(ctx, "case_000")
	if want := filepath.Join(root, rev[len("realct/"):]); err != nil || len(rs) != 1 || rs[0].Path != want {
		t.Fatalf("revisions %+v (%v), want one at %s", rs, err, want)
	}
}
