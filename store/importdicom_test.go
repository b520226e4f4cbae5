package store

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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

// TestImportRefusesThenReplaces: importing again into a case refuses and
// writes nothing; with Replace it keeps label maps whose grid fits the
// image (an annotator's work), replaces those that no longer fit, and
// keeps every replaced file in the case history.
func TestImportRefusesThenReplaces(t *testing.T) {
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
	before, _ := os.ReadFile(p)
	_, _, err = ImportDICOM(s, dst, 5, false, nil)
	if !errors.Is(err, ErrCaseExists) || !strings.Contains(err.Error(), "body-regions.nii.gz") || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("import over a case: %v", err)
	}
	if after, _ := os.ReadFile(p); !bytes.Equal(after, before) {
		t.Fatal("a refused import changed the regions map")
	}
	if _, _, err := ImportDICOMTo(s, dst, ImportOptions{Replace: true}, nil); err != nil {
		t.Fatal(err)
	}
	if m, _, _ = nifti.LoadLabels(p, nil); m.At(3, 4, 0) != 7 {
		t.Errorf("matching regions map replaced")
	}
	if _, _, err := ImportDICOMTo(s, dst, ImportOptions{Resample: 5, Replace: true}, nil); err != nil {
		t.Fatal(err)
	}
	if m, _, _ = nifti.LoadLabels(p, nil); m.Dims[2] != 4 || m.At(3, 4, 0) != 0 {
		t.Errorf("regions map of another grid kept: dims %v", m.Dims)
	}
	kept, _ := filepath.Glob(filepath.Join(dst, filepath.FromSlash(HistoryDir), "*", RegionsFile))
	found := false
	for _, k := range kept {
		if b, _ := os.ReadFile(k); bytes.Equal(b, before) {
			found = true
		}
	}
	if !found {
		t.Errorf("the annotated regions map is not in the history (%d kept)", len(kept))
	}
	if imgs, _ := filepath.Glob(filepath.Join(dst, filepath.FromSlash(HistoryDir), "*", ImageFile)); len(imgs) != 2 {
		t.Errorf("%d replaced images kept, want 2", len(imgs))
	}
}
