package nnunet

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/saros-review/saros-review/store"
)

// TestRecordCannotReachOutside: a record or journal naming a file that is
// not strictly inside the export's four folders (climbing out with "..",
// absolute, the record itself, a folder, through a symbolic link) is
// refused as damaged, naming the entry, and nothing outside is removed.
func TestRecordCannotReachOutside(t *testing.T) {
	ds := smallDataset(t, 1)
	base := t.TempDir()
	out := filepath.Join(base, "a", "out")
	r, err := Export(ds, out, Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	victim := filepath.Join(base, "victim.txt")
	mp := filepath.Join(r.Dir, ManifestFile)
	good, _ := os.ReadFile(mp)
	bad := []string{
		"../../../victim.txt", "imagesTr/../../../victim.txt", victim, "imagesTr/../" + ManifestFile,
		"dataset.json", "imagesTr", "imagesTr/", "imagesTr//x.nii.gz", "./imagesTr/x.nii.gz", "imagesTr/sub/x.nii.gz",
		"other/x.nii.gz", "", "imagesTr/..", "imagesTr/.",
	}
	for _, f := range bad {
		os.WriteFile(victim, []byte("mine"), 0o644)
		var m manifest
		json.Unmarshal(good, &m)
		m.Cases["case_999"] = manifestCase{Source: "gone", IDs: []string{"case_999"}, Files: []string{f}}
		b, _ := json.Marshal(m)
		os.WriteFile(mp, b, 0o644)
		_, err := Export(ds, out, Options{Jobs: 1})
		if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "case_999") {
			t.Errorf("record listing %q: %v", f, err)
		}
		if _, err := os.Stat(victim); err != nil {
			t.Fatalf("record listing %q removed a file outside the export: %v", f, err)
		}
		os.WriteFile(mp, good, 0o644)
		// The same names in the journal of an interrupted export.
		os.WriteFile(filepath.Join(r.Dir, JournalFile), []byte(f+"\n"), 0o644)
		_, err = Export(ds, out, Options{Jobs: 1})
		if f != "" && (err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), JournalFile)) {
			t.Errorf("journal listing %q: %v", f, err)
		}
		os.Remove(filepath.Join(r.Dir, JournalFile))
	}
	// One of the four folders a symbolic link to a folder outside: its
	// files are not the export's to remove or overwrite.
	elsewhere := filepath.Join(base, "elsewhere")
	os.MkdirAll(elsewhere, 0o755)
	os.WriteFile(filepath.Join(elsewhere, "case_000_0000.nii.gz"), []byte("mine"), 0o644)
	os.RemoveAll(filepath.Join(r.Dir, "imagesTr"))
	os.Symlink(elsewhere, filepath.Join(r.Dir, "imagesTr"))
	_, err = Export(ds, out, Options{Jobs: 1})
	if err == nil || !strings.Contains(err.Error(), "imagesTr") || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("imagesTr a symbolic link: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(elsewhere, "case_000_0000.nii.gz")); string(b) != "mine" {
		t.Error("an export wrote through a symbolic link out of its folder")
	}
	// A good record still works after all that.
	os.Remove(filepath.Join(r.Dir, "imagesTr"))
	os.WriteFile(mp, good, 0o644)
	if _, err := Export(ds, out, Options{Jobs: 1}); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyManyChannels: a dataset.json naming more channels than file
// names can hold is one problem, and a case missing many channels is one
// line naming the first ones, not a line per channel.
func TestVerifyManyChannels(t *testing.T) {
	ds := smallDataset(t, 2)
	r, err := Export(ds, t.TempDir(), Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(r.Dir, "dataset.json")
	b, _ := os.ReadFile(p)
	var raw map[string]any
	json.Unmarshal(b, &raw)
	for _, c := range []struct {
		n    int
		want string
		max  int
	}{{20000, "channel_names has 20000 channels", 1}, {3000, "has no channel 0001, 0002, 0003, 0004, 0005, … (2999 missing)", 2 * 3}} {
		ch := map[string]string{}
		for i := 0; i < c.n; i++ {
			ch[fmt.Sprint(i)] = "CT"
		}
		raw["channel_names"] = ch
		nb, _ := json.Marshal(raw)
		os.WriteFile(p, nb, 0o644)
		probs, err := Verify(r.Dir)
		if err != nil || len(probs) == 0 || len(probs) > c.max || !strings.Contains(strings.Join(probs, "\n"), c.want) {
			t.Errorf("%d channels: %v, %d problems: %q", c.n, err, len(probs), probs)
		}
	}
}

// TestOwnFileReplacedByLink: an exported file the user replaced by a
// symbolic link to a file outside is not written through when its case
// is exported again: the case is skipped naming the link, the outside
// file untouched.
func TestOwnFileReplacedByLink(t *testing.T) {
	ds := smallDataset(t, 1)
	r, err := Export(ds, t.TempDir(), Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "mine.nii.gz")
	os.WriteFile(outside, []byte("mine"), 0o644)
	lab := filepath.Join(r.Dir, "labelsTr", "case_000.nii.gz")
	os.Remove(lab)
	if err := os.Symlink(outside, lab); err != nil {
		t.Fatal(err)
	}
	// The map changed: the case is written again.
	later := time.Now().Add(time.Hour)
	os.Chtimes(ds.Cases[0].Regions, later, later)
	r2, err := Export(ds, filepath.Dir(r.Dir), Options{Jobs: 1})
	if err != nil || len(r2.Skipped) != 1 || !strings.Contains(r2.Skipped[0], "symbolic link") {
		t.Errorf("%v %q", err, r2.Skipped)
	}
	if b, _ := os.ReadFile(outside); string(b) != "mine" {
		t.Fatal("the export wrote through a link to a file outside it")
	}
}

// TestSkipsNameWhatIsThere: a case whose map file is a folder, a link to
// nothing, a link loop or a named pipe is skipped saying which, not as
// having no map.
func TestSkipsNameWhatIsThere(t *testing.T) {
	ds := smallDataset(t, 4)
	p := func(i int) string { return filepath.Join(ds.Root, fmt.Sprintf("case_%03d", i), store.RegionsFile) }
	for i := 0; i < 4; i++ {
		os.Remove(p(i))
	}
	os.Mkdir(p(0), 0o755)
	os.Symlink(filepath.Join(ds.Root, "nowhere"), p(1))
	os.Symlink(p(2), p(2))
	syscall.Mkfifo(p(3), 0o644)
	ds2, err := store.Open(ds.Root)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Export(ds2, t.TempDir(), Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"is a folder", "symbolic link to nothing", "too many levels of symbolic links", "named pipe"}
	if len(r.Skipped) != 4 {
		t.Fatalf("%q", r.Skipped)
	}
	for i, w := range want {
		if !strings.Contains(r.Skipped[i], w) || !strings.Contains(r.Skipped[i], p(i)) {
			t.Errorf("case %d: %q, want %q", i, r.Skipped[i], w)
		}
	}
}
