package nnunet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDefaultsDoNotCollide: each map and mode has its own default id and
// name, so exporting all four into one nnUNet_raw gives four data sets
// with four ids; another folder with the same id, and a change of map or
// mode of an existing export, are refused unless forced.
func TestDefaultsDoNotCollide(t *testing.T) {
	ds := smallDataset(t, 2)
	out := t.TempDir()
	want := map[[2]string]string{
		{"regions", "3d"}: "Dataset501_SAROSRegions",
		{"parts", "3d"}:   "Dataset502_SAROSParts",
		{"regions", "2d"}: "Dataset503_SAROSRegions2D",
		{"parts", "2d"}:   "Dataset504_SAROSParts2D",
	}
	for k, dir := range want {
		r, err := Export(ds, out, Options{Map: k[0], Mode: Mode(k[1]), Jobs: 1})
		if err != nil {
			t.Fatalf("%v: %v", k, err)
		}
		if filepath.Base(r.Dir) != dir {
			t.Errorf("%v: %s, want %s", k, filepath.Base(r.Dir), dir)
		}
	}
	// Same id, another name: nnU-Net would find two data sets 501.
	_, err := Export(ds, out, Options{Map: "parts", ID: 501, Jobs: 1})
	if err == nil || !strings.Contains(err.Error(), "Dataset501_SAROSRegions") {
		t.Fatalf("second folder with id 501: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "Dataset501_SAROSParts")); err == nil {
		t.Error("Dataset501_SAROSParts was made")
	}
	// Same folder, another map or mode.
	for _, o := range []Options{{Map: "parts", ID: 501, Name: "SAROSRegions"}, {Map: "regions", Mode: Mode2D, ID: 501, Name: "SAROSRegions"}} {
		o.Jobs = 1
		_, err := Export(ds, out, o)
		if err == nil || !strings.Contains(err.Error(), "--force") || !strings.Contains(err.Error(), "regions 3d") {
			t.Errorf("%s %s over regions 3d: %v", o.Map, o.Mode, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "Dataset501_SAROSRegions", "imagesTr", "case_000_0000.nii.gz")); err != nil {
		t.Errorf("refused export removed files: %v", err)
	}
	// Forced, the map changes.
	if _, err := Export(ds, out, Options{Map: "parts", ID: 501, Name: "SAROSRegions", Jobs: 1, Force: true}); err != nil {
		t.Fatal(err)
	}
	if probs, err := Verify(filepath.Join(out, "Dataset501_SAROSRegions")); err != nil || len(probs) > 0 {
		t.Fatalf("after forced change: %v %v", err, probs)
	}
}
