package app

import (
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
	"github.com/saros-review/saros-review/volume/dicom"
)

// TestImportDICOMInApp: the series picker offers the series; Import
// writes a case and opens it.
func TestImportDICOMInApp(t *testing.T) {
	src := t.TempDir() + "/scan"
	dicomtest.Series{UID: "1.2.3.77", Rows: 40, Cols: 32, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 25,
		BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Value: func(i, j, k int) int { return 1024 + i }}.Write(t, src)
	c, shown := controller(t)
	all, skipped, warn, err := dicom.Scan(src)
	if err != nil || len(all) != 1 {
		t.Fatal(err)
	}
	c.pickSeries(src, all, skipped, warn) // what ImportDICOM shows after scanning
	tapButton(t, c, "Import")
	s := wait(t, shown)
	if s.Case.ID != "scan-case" || s.Case.Layers.Image.Dims != [3]int{32, 40, 25} || s.Case.Layers.Regions == nil {
		t.Fatalf("case %s dims %v", s.Case.ID, s.Case.Layers.Image.Dims)
	}
	if s.Case.Layers.Image.At(5, 0, 3) != 5 {
		t.Errorf("voxel %d", s.Case.Layers.Image.At(5, 0, 3))
	}
}
