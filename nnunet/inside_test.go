package nnunet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusesOutputInsideDataset: the data set folder itself, a case
// folder, a new folder inside it and a symbolic link into it are refused
// as outputs, and nothing is written there.
func TestRefusesOutputInsideDataset(t *testing.T) {
	ds := smallDataset(t, 1)
	link := filepath.Join(t.TempDir(), "ln")
	if err := os.Symlink(ds.Root, link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{ds.Root, filepath.Join(ds.Root, "case_000"), filepath.Join(ds.Root, "new", "deeper"), link, ds.Root + "/."} {
		_, err := Export(ds, out, Options{Jobs: 1})
		if err == nil || !strings.Contains(err.Error(), "inside the data set") {
			t.Errorf("%s: %v", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(ds.Root, "Dataset501_SAROSRegions")); err == nil {
		t.Error("export written into the data set")
	}
	// The export's own folder a symbolic link into the data set.
	out := t.TempDir()
	if err := os.Symlink(filepath.Join(ds.Root, "case_000"), filepath.Join(out, "Dataset501_SAROSRegions")); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(ds, out, Options{Jobs: 1}); err == nil || !strings.Contains(err.Error(), "inside the data set") {
		t.Errorf("Dataset501_SAROSRegions a link into the data set: %v", err)
	}
	if _, err := os.Stat(filepath.Join(ds.Root, "case_000", "imagesTr")); err == nil {
		t.Error("export written into a case folder through a link")
	}
	// An output that is a file, or a path through a file, is named.
	file := filepath.Join(t.TempDir(), "afile")
	os.WriteFile(file, []byte("mine"), 0o644)
	for _, o := range []string{file, filepath.Join(file, "deeper")} {
		if _, err := Export(ds, o, Options{Jobs: 1}); err == nil || !strings.Contains(err.Error(), o) {
			t.Errorf("output %s: %v", o, err)
		}
	}
	// A sibling whose name starts like the data set's is fine.
	if _, err := Export(ds, ds.Root+"-nnunet", Options{Jobs: 1}); err != nil {
		t.Error(err)
	}
}
