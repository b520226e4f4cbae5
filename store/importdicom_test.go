package store

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
	"github.com/saros-review/saros-review/volume/dicom"
	"github.com/saros-review/saros-review/volume/nifti"
)

func scanOne(t *testing.T, s dicomtest.Series) *dicom.Series {
	t.Helper()
	src := t.TempDir()
	s.Write(t, src)
	all, _, _, err := dicom.Scan(src)
	if err != nil || len(all) != 1 {
		t.Fatalf("scan: %v, %d series", err, len(all))
	}
	return all[0]
}

// TestImportKeepsMatchingLabels: importing again into a case keeps label
// maps whose grid fits the image (an annotator's work) and replaces those
// that no longer fit.
func TestImportKeepsMatchingLabels(t *testing.T) {
	s := scanOne(t, dicomtest.Series{UID: "1.2.3.66", Rows: 12, Cols: 10, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 20,
		BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Value: func(i, j, k int) int { return 1024 }})
	dst := t.TempDir()
	if _, _, err := ImportDICOM(s, dst, 0, false, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dst, RegionsFile)
	m, _, err := nifti.LoadLabels(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Set(3, 4, 0, 7)
	if err := WriteFileAtomic(p, func(w io.Writer) error { return nifti.WriteLabels(w, m, nil) }); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ImportDICOM(s, dst, 0, false, nil); err != nil {
		t.Fatal(err)
	}
	if m, _, _ = nifti.LoadLabels(p, nil); m.At(3, 4, 0) != 7 {
		t.Errorf("matching regions map replaced")
	}
	if _, _, err := ImportDICOM(s, dst, 5, false, nil); err != nil {
		t.Fatal(err)
	}
	if m, _, _ = nifti.LoadLabels(p, nil); m.Dims[2] != 4 || m.At(3, 4, 0) != 0 {
		t.Errorf("regions map of another grid kept: dims %v", m.Dims)
	}
}
