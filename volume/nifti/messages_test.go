package nifti

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTruncatedCountsWhatArrived: a gzip file cut in the middle of its
// voxels says how many voxel bytes it held (it said "after 0" when
// libdeflate gave up).
func TestTruncatedCountsWhatArrived(t *testing.T) {
	g := testGrid(256, 256, 54) // 7 MB of int16
	raw, _ := rawNifti(t, g)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 352; i < len(raw); i++ {
		raw[i] = byte(r.Uint32())
	}
	z := gz(raw)
	cut := writeTemp(t, "cut.nii.gz", z[:len(z)/2])
	_, err := Load(cut, nil)
	if err == nil || !strings.Contains(err.Error(), "file is truncated: gzip stream ends after") || strings.Contains(err.Error(), "after 0 of") {
		t.Errorf("cut: %v", err)
	}
}
