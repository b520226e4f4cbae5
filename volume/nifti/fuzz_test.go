package nifti

import (
	"math"

	"os"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/internal/hostile"
)

// seeds adds the bad inputs and the nibabel fixtures to a fuzz corpus.
func seeds(f *testing.F) {
	for _, b := range badInputs(f) {
		f.Add(b)
	}
	files, _ := filepath.Glob("testdata/nibabel/*.nii*")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	// The adversarial suite's files, small enough to fuzz from.
	claim := [3]int{1024, 1024, 30}
	f.Add(hostile.NiftiShortStream(claim, 64<<10))
	f.Add(hostile.NiftiForgedISize(claim, 64<<10))
	f.Add(hostile.NiftiFarVoxels(6e7, 64<<10))
	f.Add(hostile.NiftiZeroMembers(claim, hostile.Uint8)) // the zero bomb, at a size a seed can hold
	f.Add(hostile.Gzip(hostile.NiftiHeader([3]int{2048, 2048, 1280}, hostile.Uint8)))
	f.Add(hostile.SetFloat32(append(hostile.NiftiHeader([3]int{4, 4, 4}, hostile.Int16), make([]byte, 128)...), 284, float32(math.NaN())))
	good, _ := rawNifti(f, testGrid(5, 4, 3))
	f.Add(good)
	f.Add(gz(good))
}

// FuzzHeader: decoding and validating any header never panics, and a
// header that validates yields a grid and axis codes.
func FuzzHeader(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := decodeHeader(b)
		if err != nil {
			return
		}
		if _, _, err := h.validate(int64(len(b))); err != nil {
			return
		}
		g := h.Grid()
		_ = g.AxCodes()
		_, _ = g.Voxel([3]float64{1, 2, 3})
		_ = h.encode()
	})
}

// FuzzLoad: loading any file, then converting it to an image and to a
// label map, never panics.
func FuzzLoad(f *testing.F) {
	seeds(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "fuzz.nii")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Load(p, nil)
		if err != nil {
			return
		}
		d.Range()
		c := &Data{Path: d.Path, Header: d.Header, Bytes: append([]byte(nil), d.Bytes...)}
		_, _ = d.Image()
		_, _ = c.Labels()
	})
}
