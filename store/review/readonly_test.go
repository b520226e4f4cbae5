package review

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// snapshot lists every file under dir with its size and time.
func snapshot(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			if fi, err := d.Info(); err == nil {
				out[p] = fmt.Sprint(fi.ModTime(), fi.Mode(), fi.Size())
			}
		}
		return nil
	})
	return out
}

func sameFiles(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, v := range after {
		if before[p] != v {
			t.Errorf("%s was made or changed", p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		}
	}
}

// TestReadOnlyLeavesNoTrace: browsing a data set read-only creates no
// store, no id and no rows, and the database refuses every write.
func TestReadOnlyLeavesNoTrace(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := ""
			if b.name == "postgres" {
				dsn = b.dsn(t)
			}
			root := t.TempDir()
			before := snapshot(t, root)
			if _, err := OpenReadOnly(ctx, root, dsn); !errors.Is(err, ErrNoStore) {
				t.Fatalf("a data set with no store: %v", err)
			}
			sameFiles(t, before, snapshot(t, root))

			s, err := OpenFor(ctx, root, dsn, []string{"case_000"})
			if err != nil {
				t.Fatal(err)
			}
			s.AddUser(ctx, "ann", Annotator)
			if err := s.Transition(ctx, "ann", "case_000", New, InProgress, "", ""); err != nil {
				t.Fatal(err)
			}
			// While a writer has the store open, a reader sees what it committed.
			if ro, err := OpenReadOnly(ctx, root, dsn); err != nil {
				t.Fatalf("beside a writer: %v", err)
			} else if c, err := ro.Case(ctx, "case_000"); err != nil || c.Status != InProgress {
				t.Errorf("beside a writer: %+v %v", c, err)
			} else {
				ro.Close()
			}
			s.Close()
			before = snapshot(t, root)
			ro, err := OpenReadOnly(ctx, root, dsn)
			if err != nil {
				t.Fatal(err)
			}
			if c, err := ro.Case(ctx, "case_000"); err != nil || c.Status != InProgress {
				t.Errorf("reading: %+v %v", c, err)
			}
			if err := ro.Transition(ctx, "ann", "case_000", InProgress, Submitted, "", ""); err == nil {
				t.Error("a read-only session changed a status")
			}
			if err := ro.Acquire(ctx, "ann", "case_000", NewToken(), time.Minute); err == nil {
				t.Error("a read-only session took a lock")
			}
			if err := ro.EnsureCases(ctx, "case_009"); err == nil {
				t.Error("a read-only session recorded a case")
			}
			ro.Close()
			sameFiles(t, before, snapshot(t, root))
			if c, _ := func() (CaseState, error) {
				s, _ := OpenFor(ctx, root, dsn, nil)
				defer s.Close()
				return s.Case(ctx, "case_000")
			}(); c.Status != InProgress {
				t.Errorf("status after the read-only session: %q", c.Status)
			}
			os.Remove(filepath.Join(root, filepath.FromSlash(DatasetFile)))
			if _, err := OpenReadOnly(ctx, root, dsn); b.name == "postgres" && !errors.Is(err, ErrNoStore) {
				t.Errorf("no id on a server: %v", err)
			}
		})
	}
}
