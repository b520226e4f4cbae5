package volume

import "fmt"

// Image is a CT volume in Hounsfield units, one int16 per voxel.
type Image struct {
	Grid
	Voxels []int16 // len Grid.Len(), x fastest
}

// NewImage allocates a zero-filled image on the grid.
func NewImage(g Grid) *Image { return &Image{Grid: g, Voxels: make([]int16, g.Len())} }

// WrapImage makes an image of existing voxels, which must number g.Len().
func WrapImage(g Grid, v []int16) (*Image, error) {
	if len(v) != g.Len() {
		return nil, fmt.Errorf("image: %d voxels for a %s grid", len(v), FormatDims(g.Dims))
	}
	return &Image{Grid: g, Voxels: v}, nil
}

// At returns the HU value at (i, j, k).
func (im *Image) At(i, j, k int) int16 { return im.Voxels[im.Index(i, j, k)] }

// Set stores v at (i, j, k).
func (im *Image) Set(i, j, k int, v int16) { im.Voxels[im.Index(i, j, k)] = v }

// Axial returns axial slice k as a view sharing the image's memory.
func (im *Image) Axial(k int) []int16 {
	n := im.Dims[0] * im.Dims[1]
	return im.Voxels[k*n : (k+1)*n : (k+1)*n]
}

// MinMax returns the smallest and largest voxel values (0, 0 when empty).
func (im *Image) MinMax() (lo, hi int16) {
	if len(im.Voxels) == 0 {
		return 0, 0
	}
	lo, hi = im.Voxels[0], im.Voxels[0]
	for _, v := range im.Voxels {
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
	}
	return lo, hi
}
