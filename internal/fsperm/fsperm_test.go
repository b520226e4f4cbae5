//go:build unix

package fsperm

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// In a group folder (g+ws) the folders made inside, at any depth, and the
// new files are group-writable and keep the group bit; elsewhere they
// are 0755 and 0644 whatever the umask allows.
func TestSharedFolders(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o775|fs.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(shared, "case_000", ".saros-review", "readers", "bob")
	if err := MkdirShared(deep); err != nil {
		t.Fatal(err)
	}
	for d := deep; d != shared; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o775 || st.Mode()&fs.ModeSetgid == 0 {
			t.Errorf("%s: %v, want drwxrwsr-x", d, st.Mode())
		}
	}
	if m := NewFileMode(deep); m != 0o664 {
		t.Errorf("a new file in a group folder: %v", m)
	}
	// A file made in it keeps the group's write bit whatever the umask.
	lock := filepath.Join(deep, "save.lock")
	for range 2 { // made, then opened again
		f, err := OpenShared(lock)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	if st, _ := os.Stat(lock); st.Mode().Perm() != 0o664 {
		t.Errorf("a file made in a group folder: %v, want -rw-rw-r--", st.Mode())
	}
	private := filepath.Join(t.TempDir(), "a", "b")
	if err := os.Chmod(filepath.Dir(filepath.Dir(private)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := MkdirShared(private); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(private); st.Mode().Perm() != 0o755 || NewFileMode(private) != 0o644 {
		t.Errorf("a private folder: %v, new files %v", st.Mode(), NewFileMode(private))
	}
	if err := MkdirShared(deep); err != nil {
		t.Errorf("again: %v", err)
	}
	f := filepath.Join(shared, "file")
	os.WriteFile(f, nil, 0o644)
	if err := MkdirShared(filepath.Join(f, "x")); err == nil {
		t.Error("made a folder under a file")
	}
}
