package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
	"github.com/saros-review/saros-review/volume/nifti"
)

// TestImportDICOM: a shuffled 1.25 mm series becomes a case resampled to
// 5 mm, with the original kept, and empty sparse label maps.
func TestImportDICOM(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "case_007")
	dicomtest.Series{UID: "1.2.3.9", Rows: 8, Cols: 6, Orient: [6]float64{1, 0, 0, 0, 1, 0}, Origin: [3]float64{-30, -40, 100},
		RowSp: 0.9, ColSp: 0.9, Step: 1.25, N: 20, BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1,
		Value: func(i, j, k int) int { return 1024 + 10*k }}.Write(t, src)
	code, out, errs := run("import-dicom", src, dst, "--resample", "5", "--keep-original")
	if code != 0 || !strings.Contains(out, "6×8×5, LPS") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	code, out, _ = run("info", filepath.Join(dst, "image.nii.gz"), filepath.Join(dst, "image_original.nii.gz"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var im, orig InfoRecord
	json.Unmarshal([]byte(lines[0]), &im)
	json.Unmarshal([]byte(lines[1]), &orig)
	if code != 0 || im.Spacing[2] != 5 || orig.Dims[2] != 20 || im.Affine[2][3] != 100 || im.Affine[0][3] != 30 || *im.Min != 0 || *im.Max != 10*16 {
		t.Errorf("image %+v original %+v", im, orig)
	}
	m, _, err := nifti.LoadLabels(filepath.Join(dst, "body-regions.nii.gz"), nil)
	if err != nil || len(m.AnnotatedSlices()) != 1 || m.Dims[2] != 5 {
		t.Errorf("labels: %v %v", err, m.AnnotatedSlices())
	}
	if code, _, errs := run("import-dicom", t.TempDir(), dst); code != 2 || !strings.Contains(errs, "no DICOM image series") {
		t.Errorf("empty folder: %d %s", code, errs)
	}
}
