package dicom

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// TestHoldsLooksOnlySoFar: Holds finds DICOM in a sub-folder, stops after
// its limit of other files, and says no for a folder without DICOM;
// ScanFolder leaves sub-folders out.
func TestHoldsLooksOnlySoFar(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
		os.WriteFile(filepath.Join(dir, n), []byte("not DICOM"), 0o644)
	}
	if Holds(dir, 100) {
		t.Error("a folder of text files holds DICOM")
	}
	dicomtest.Series{UID: "1.2.3.5", Rows: 4, Cols: 4, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 3,
		BitsStored: 16, Slope: 1, Skip: -1, Value: func(i, j, k int) int { return 0 }}.Write(t, filepath.Join(dir, "z"))
	if !Holds(dir, 100) {
		t.Error("DICOM in a sub-folder not found")
	}
	if Holds(dir, 2) {
		t.Error("looked past the limit")
	}
	if all, _, _, err := ScanFolder(dir); err != nil || len(all) != 0 {
		t.Errorf("ScanFolder went into the sub-folder: %d series, %v", len(all), err)
	}
	if all, _, _, err := Scan(dir); err != nil || len(all) != 1 {
		t.Errorf("Scan: %d series, %v", len(all), err)
	}
}
