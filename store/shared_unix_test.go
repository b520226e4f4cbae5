//go:build unix

package store

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// A case in a group folder (g+ws), saved by one member: the folders the
// save makes in it (.saros-review, the history) are group-writable with
// the group bit, so the next member's save (or a second reader's folder)
// can be made there; the saved maps keep their mode.
func TestSaveInAGroupFolder(t *testing.T) {
	c, l := loadCase(t)
	for _, d := range []string{filepath.Dir(c.Dir), c.Dir} {
		if err := os.Chmod(d, 0o775|fs.ModeSetgid); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.RemoveAll(filepath.Join(c.Dir, ".saros-review")); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(c.Regions)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := l.SaveLabels(l.Regions, l.Parts)
	if err != nil {
		t.Fatal(err)
	}
	for d := rev; d != c.Dir; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm()&0o020 == 0 || st.Mode()&fs.ModeSetgid == 0 {
			t.Errorf("%s: %v, want group write and set-group-id", d, st.Mode())
		}
	}
	if st, err := os.Stat(filepath.Join(c.Dir, filepath.FromSlash(SaveLockFile))); err != nil || st.Mode().Perm() != 0o664 {
		t.Errorf("the save lock: %v (%v), want -rw-rw-r-- so the next member can save", st.Mode(), err)
	}
	if after, _ := os.Stat(c.Regions); after.Mode().Perm() != before.Mode().Perm() {
		t.Errorf("the saved map's mode went from %v to %v", before.Mode(), after.Mode())
	}
}
