package realct

import (
	"io"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// WriteCase writes a case folder (image and both label maps as .nii.gz)
// at dir, creating it.
func WriteCase(dir string, im *volume.Image, regions, parts *volume.LabelMap) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := store.WriteFileAtomic(filepath.Join(dir, store.ImageFile), func(w io.Writer) error {
		return nifti.WriteImage(w, im, nil)
	}); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		m    *volume.LabelMap
	}{{store.RegionsFile, regions}, {store.PartsFile, parts}} {
		if err := store.WriteFileAtomic(filepath.Join(dir, f.name), func(w io.Writer) error {
			return nifti.WriteLabels(w, f.m, nil)
		}); err != nil {
			return err
		}
	}
	return nil
}

// Clean returns a copy of the Cranium with its proposals (seed 1).
func Clean() (*volume.Image, *volume.LabelMap, *volume.LabelMap, error) {
	im, err := Cranium()
	if err != nil {
		return nil, nil, nil, err
	}
	c := &volume.Image{Grid: im.Grid, Voxels: append([]int16(nil), im.Voxels...)}
	r, p := Propose(c, 1)
	return c, r, p, nil
}

// Defective returns the clean fixture with Inject's defects.
func Defective() (*volume.Image, *volume.LabelMap, *volume.LabelMap, []Defect, error) {
	im, r, p, err := Clean()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return im, r, p, Inject(im, r, p), nil
}

// Large returns a whole-body-sized image with real CT texture: the head
// tiled 2×2 in-plane to 512×512 and repeated along k to 110 slices of
// 5 mm (the size of an average SAROS case), for speed measurements.
func Large() (*volume.Image, error) {
	im, err := Cranium()
	if err != nil {
		return nil, err
	}
	const n, nz = 512, 110
	s := im.Grid.Spacing
	g := volume.Grid{Dims: [3]int{n, n, nz}, Spacing: [3]float64{s[0], s[1], 5}, Affine: volume.Mat4{
		{-s[0], 0, 0, float64(n-1) / 2 * s[0]},
		{0, s[1], 0, -float64(n-1) / 2 * s[1]},
		{0, 0, 5, 0},
		{0, 0, 0, 1},
	}}
	out := volume.NewImage(g)
	sx, sy, sz := im.Dims[0], im.Dims[1], im.Dims[2]
	for k := 0; k < nz; k++ {
		src := im.Axial(k % sz)
		dst := out.Axial(k)
		for j := 0; j < n; j++ {
			copy(dst[j*n:j*n+sx], src[(j%sy)*sx:(j%sy+1)*sx])
			copy(dst[j*n+sx:(j+1)*n], src[(j%sy)*sx:(j%sy+1)*sx])
		}
	}
	return out, nil
}
