package cli

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// folderState lists every name under dir with its size, mode and mtime.
func folderState(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		size := info.Size()
		if d.IsDir() {
			size = 0
		}
		fmt.Fprintf(&b, "%s %d %v %d\n", rel, size, info.Mode(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestReviewOfAFreshDataSetCreatesNothing: `review` only reads. On a demo
// data set that has never been reviewed it says there is no review store
// yet, lists every case as new, and leaves the folder byte-identical: no
// SQLite file, no dataset.json, same names, sizes and mtimes.
func TestReviewOfAFreshDataSetCreatesNothing(t *testing.T) {
	t.Setenv("SAROS_REVIEW_DB", "")
	dir := filepath.Join(t.TempDir(), "ds")
	if code, _, errs := run("demo", dir, "--cases", "2"); code != 0 {
		t.Fatal(errs)
	}
	before := folderState(t, dir)
	code, out, errs := run("review", dir)
	if code != 0 || !strings.Contains(errs, "no review store yet") {
		t.Fatalf("review: exit %d, stderr %q", code, errs)
	}
	var got struct {
		Cases []struct{ ID, Status string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Cases) != 2 || got.Cases[0].Status != "new" {
		t.Errorf("review json %q (%v): want 2 new cases", out, err)
	}
	for _, args := range [][]string{{"--format", "csv"}, {"--report"}, {"--report", "--format", "csv"}} {
		if code, out, errs := run(append([]string{"review", dir}, args...)...); code != 0 || out == "" {
			t.Errorf("review %v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	if after := folderState(t, dir); after != before {
		t.Errorf("review changed the data set folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
