package nnunet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestForceKeepsForeignFiles: exporting with Force into a folder a user
// made leaves the user's image file alone (the case is skipped, naming
// it), and dataset.json keeps the user's own keys; a re-export keeps a key
// the user added to dataset.json since.
func TestForceKeepsForeignFiles(t *testing.T) {
	ds := smallDataset(t, 2)
	out := t.TempDir()
	dir := filepath.Join(out, "Dataset501_SAROSRegions")
	os.MkdirAll(filepath.Join(dir, "imagesTr"), 0o755)
	mine := filepath.Join(dir, "imagesTr", "case_000_0000.nii.gz")
	os.WriteFile(mine, []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(dir, "dataset.json"), []byte(`{"name": "Mine", "licence": "CC-BY 4.0"}`), 0o644)
	r, err := Export(ds, out, Options{Force: true, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "mine" {
		t.Fatal("forced export replaced the user's image")
	}
	if len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0], "imagesTr/case_000_0000.nii.gz exists and was not written by an export") {
		t.Errorf("skipped %q", r.Skipped)
	}
	if _, err := os.Stat(filepath.Join(dir, "labelsTr", "case_000.nii.gz")); err == nil {
		t.Error("the label of the refused case was written")
	}
	var dj map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "dataset.json"))
	if err := json.Unmarshal(b, &dj); err != nil {
		t.Fatalf("dataset.json: %v\n%s", err, b)
	}
	if dj["licence"] != "CC-BY 4.0" || dj["name"] != "SAROSRegions" {
		t.Errorf("dataset.json %s", b)
	}
	if !slices.Equal(r.DatasetJSON.Kept, []string{"licence"}) || !slices.Contains(r.DatasetJSON.Replaced, "name") {
		t.Errorf("change %+v", r.DatasetJSON)
	}
	// The user moves the file away; the next export writes the case and
	// keeps a key added to dataset.json in between.
	os.Remove(mine)
	b = []byte(strings.Replace(string(b), `"licence"`, `"release": "1.1", "licence"`, 1))
	os.WriteFile(filepath.Join(dir, "dataset.json"), b, 0o644)
	r, err = Export(ds, out, Options{Jobs: 1})
	if err != nil || len(r.Skipped) != 0 {
		t.Fatalf("%v %q", err, r.Skipped)
	}
	b, _ = os.ReadFile(filepath.Join(dir, "dataset.json"))
	if !strings.Contains(string(b), `"release": "1.1"`) || !strings.Contains(string(b), `"licence"`) {
		t.Errorf("re-export lost the user's keys:\n%s", b)
	}
	if probs, err := Verify(dir); err != nil || len(probs) > 0 {
		t.Fatalf("%v %v", err, probs)
	}
}

// TestInterruptedExportOwnsItsFiles: files an interrupted export wrote
// (in its journal, in no manifest yet) are replaced by the next export,
// not refused as a user's; without the journal they would be.
func TestInterruptedExportOwnsItsFiles(t *testing.T) {
	ds := smallDataset(t, 2)
	out := t.TempDir()
	r, err := Export(ds, out, Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, JournalFile)); err == nil {
		t.Fatal("a finished export left its journal")
	}
	// As if interrupted after writing case_001: the manifest does not
	// have it yet, the journal does.
	mp := filepath.Join(r.Dir, ManifestFile)
	b, _ := os.ReadFile(mp)
	var m manifest
	json.Unmarshal(b, &m)
	delete(m.Cases, "case_001")
	nb, _ := json.Marshal(m)
	os.WriteFile(mp, nb, 0o644)
	os.WriteFile(filepath.Join(r.Dir, JournalFile), []byte("imagesTr/case_001_0000.nii.gz\nlabelsTr/case_001.nii.gz\n"), 0o644)
	r2, err := Export(ds, out, Options{Jobs: 1})
	if err != nil || len(r2.Skipped) != 0 {
		t.Fatalf("after an interruption: %v %q", err, r2.Skipped)
	}
	// The same state without the journal: the files count as a user's.
	delete(m.Cases, "case_001")
	os.WriteFile(mp, nb, 0o644)
	r3, err := Export(ds, out, Options{Jobs: 1})
	if err != nil || len(r3.Skipped) != 1 || !strings.Contains(r3.Skipped[0], "case_001") {
		t.Fatalf("without a journal: %v %q", err, r3.Skipped)
	}
}
