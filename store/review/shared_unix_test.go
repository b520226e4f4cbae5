//go:build unix

package review

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// A data set kept in a group folder (g+ws) gets a data set id file and a
// SQLite store every member can read and write: the id file was 0600,
// so nobody but its maker could even open the store.
func TestStoreInAGroupFolder(t *testing.T) {
	root := t.TempDir()
	if err := os.Chmod(root, 0o775|fs.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	s, err := OpenFor(ctx, root, "", []string{"case_000"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, f := range []string{DatasetFile, ".saros-review/review.sqlite"} {
		st, err := os.Stat(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o664 {
			t.Errorf("%s: %v, want -rw-rw-r--", f, st.Mode())
		}
	}
	private := t.TempDir()
	if err := os.Chmod(private, 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := OpenFor(ctx, private, "", []string{"case_000"})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if st, _ := os.Stat(filepath.Join(private, filepath.FromSlash(DatasetFile))); st.Mode().Perm() != 0o644 {
		t.Errorf("the id file of a private data set: %v, want -rw-r--r--", st.Mode())
	}
}
