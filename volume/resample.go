package volume

import "math"

// ResampleSlices resamples an image along its slice axis (k) to slices
// thick mm apart, as the SAROS tools do: linear interpolation between the
// two nearest slices, round(n·dz/thick) slices starting at the first,
// voxels beyond the last original slice 0 HU.
func ResampleSlices(im *Image, thick float64) *Image {
	dz := im.Spacing[2]
	n := im.Dims[2]
	m := int(math.Round(float64(n) * dz / thick))
	if m < 1 {
		m = 1
	}
	g := im.Grid
	g.Dims[2] = m
	g.Spacing[2] = thick
	f := thick / dz
	for r := 0; r < 3; r++ {
		g.Affine[r][2] *= f
	}
	out := NewImage(g)
	per := g.Dims[0] * g.Dims[1]
	for k := 0; k < m; k++ {
		t := float64(k) * f
		k0 := int(math.Floor(t))
		dst := out.Voxels[k*per : (k+1)*per]
		if k0 > n-1 {
			continue // outside the original scan: 0 HU
		}
		w := t - float64(k0)
		a := im.Axial(k0)
		if k0 == n-1 || w == 0 {
			copy(dst, a)
			continue
		}
		b := im.Axial(k0 + 1)
		for i := range dst {
			dst[i] = int16(math.Round(float64(a[i])*(1-w) + float64(b[i])*w))
		}
	}
	return out
}

// SparseLabels returns a label map on g annotated on every fifth axial
// slice (0) and not annotated elsewhere (255): the empty map of a new case.
func SparseLabels(g Grid) *LabelMap {
	m := NewLabelMap(g)
	for k := 0; k < g.Dims[2]; k++ {
		if k%5 == 0 {
			continue
		}
		s := m.Axial(k)
		for i := range s {
			s[i] = NotAnnotated
		}
	}
	return m
}
