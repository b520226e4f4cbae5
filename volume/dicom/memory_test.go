package dicom

import (
	"runtime"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// TestImageIsBuiltOnce: building a series allocates the volume once, plus
// small per-worker buffers; slices are never gathered and copied.
func TestImageIsBuiltOnce(t *testing.T) {
	dir := t.TempDir()
	dicomtest.Series{UID: "1.2.3.67", Rows: 256, Cols: 256, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 60,
		BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Value: func(i, j, k int) int { return i + j + k }}.Write(t, dir)
	all, _, _, err := Scan(dir)
	if err != nil || len(all) != 1 {
		t.Fatal(err)
	}
	s := all[0]
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	im, _, err := s.Image(nil)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	voxels := float64(2 * len(im.Voxels))
	r := float64(after.TotalAlloc-before.TotalAlloc) / voxels
	t.Logf("allocated %.3f× the voxel bytes", r)
	if r > 1.25 {
		t.Errorf("building the image allocated %.2f× its voxel bytes", r)
	}
}
