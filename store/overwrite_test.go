package store

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// TestDemoRefusesNonEmptyFolder: a demo never writes into a folder that
// holds anything, and the folder is left as it was.
func TestDemoRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	err := WriteDemo(dir, 1)
	if err == nil || !strings.Contains(err.Error(), "is not empty") || !strings.Contains(err.Error(), "notes.txt") {
		t.Fatalf("got %v", err)
	}
	if e, _ := os.ReadDir(dir); len(e) != 1 {
		t.Errorf("%d entries after a refused demo", len(e))
	}
}

// TestCSVWriteFollowsSymlinkKeepsMode: adding a row to a CSV that is a
// symbolic link updates the file it points to, keeps the link and the
// file's permission bits.
func TestCSVWriteFollowsSymlinkKeepsMode(t *testing.T) {
	dir := csvSet(t, "id,sex\n0,F\n")
	master := filepath.Join(t.TempDir(), "master.csv")
	link := filepath.Join(dir, "Segmentation Info.csv")
	os.Rename(link, master)
	os.Chmod(master, 0o640)
	if err := os.Symlink(master, link); err != nil {
		t.Fatal(err)
	}
	if _, err := AddCSVRow(filepath.Join(dir, "case_001"), map[string]string{"sex": "M"}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	b, _ := os.ReadFile(master)
	if string(b) != "id,sex\n0,F\n1,M\n" {
		t.Errorf("master holds %q", b)
	}
	if st, _ := os.Stat(master); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", st.Mode().Perm())
	}
}

// TestStaleTemporariesCleaned: temporary files and case folders left by
// killed runs (their process gone) are removed by the next write in their
// folder; a fresh one of a live writer and files not ours stay.
func TestStaleTemporariesCleaned(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Minute)
	mk := func(name string, dir_ bool, mtime time.Time) string {
		p := filepath.Join(dir, name)
		if dir_ {
			os.MkdirAll(filepath.Join(p, ".saros-review"), 0o755)
			os.WriteFile(filepath.Join(p, ImageFile), []byte("half"), 0o644)
		} else {
			os.WriteFile(p, []byte("half"), 0o644)
		}
		os.Chtimes(p, mtime, mtime)
		return p
	}
	dead := 1 << 30 // no such process
	staleFile := mk(".body-regions.nii.gz.tmp-"+strconv.Itoa(dead)+"-123", false, old)
	staleCase := mk(".case_003.tmp-"+strconv.Itoa(dead)+"-456", true, old)
	oldStyle := mk(".body-parts.nii.gz.tmp-987654321", false, old)
	live := mk(".image.nii.gz.tmp-"+strconv.Itoa(os.Getpid())+"-789", false, old)
	fresh := mk(".x.tmp-"+strconv.Itoa(dead)+"-1", false, time.Now())
	mine := mk(".notes.tmp-draft", false, old)
	mine2 := mk(".notes.tmp-12-draft", false, old)
	if err := WriteFileAtomic(filepath.Join(dir, "a.txt"), func(w io.Writer) error { _, err := io.WriteString(w, "a"); return err }); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{staleFile, staleCase, oldStyle} {
		if _, err := os.Lstat(p); !os.IsNotExist(err) {
			t.Errorf("%s not cleaned", filepath.Base(p))
		}
	}
	for _, p := range []string{live, fresh, mine, mine2} {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s removed", filepath.Base(p))
		}
	}
}

// TestReimportUpdatesCSVRow: importing another series over a case with
// Replace sets its row's series UID and sex; the other rows keep their
// bytes, and no temporary folder is left beside the cases.
func TestReimportUpdatesCSVRow(t *testing.T) {
	dir := t.TempDir()
	if err := WriteDemo(dir, 2); err != nil {
		t.Fatal(err)
	}
	csvPath := filepath.Join(dir, DemoCSV)
	before, _ := os.ReadFile(csvPath)
	s := scanOne(t, dicomtest.Series{UID: "9.8.7", Rows: 12, Cols: 10, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 10,
		BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Sex: "O", Value: func(i, j, k int) int { return 1024 }})
	if _, _, err := ImportDICOMTo(s, filepath.Join(dir, "case_001"), ImportOptions{Replace: true}, nil); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(csvPath)
	bl, al := strings.Split(string(before), "\n"), strings.Split(string(after), "\n")
	if len(bl) != len(al) || bl[0] != al[0] || bl[1] != al[1] {
		t.Fatalf("other lines changed:\n%s\n---\n%s", before, after)
	}
	if !strings.Contains(al[2], ",9.8.7") || !strings.Contains(al[2], ",O,") || !strings.HasPrefix(al[2], "case_001,") {
		t.Errorf("row not updated: %q", al[2])
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*"+tempMark+"*")); len(left) > 0 {
		t.Errorf("temporary entries left: %v", left)
	}
}

// TestDemoIntoEmptyFolderOfReadOnlyParent: an empty folder whose parent
// cannot be written still receives the demo (built in place, a case at a
// time), since no build folder can be made beside it.
func TestDemoIntoEmptyFolderOfReadOnlyParent(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "demo")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(parent, 0o555)
	defer os.Chmod(parent, 0o755)
	if err := WriteDemo(dir, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, DemoCSV)); err != nil {
		t.Fatal(err)
	}
}
