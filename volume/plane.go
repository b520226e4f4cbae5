package volume

import "fmt"

// Plane describes a 2D slice through a grid: the voxels with a fixed index
// along Axis. Pixel (u, v) of the plane is the voxel at offset
// Origin + u·StrideU + v·StrideV in the flat voxel slice. u runs along the
// lower of the two remaining array axes and v along the higher one.
type Plane struct {
	Axis             Axis
	Index            int
	W, H             int
	Origin           int
	StrideU, StrideV int
}

// Plane returns the layout of slice n perpendicular to axis a.
func (g Grid) Plane(a Axis, n int) (Plane, error) {
	if a < AxisI || a > AxisK {
		return Plane{}, fmt.Errorf("plane: no axis %d", int(a))
	}
	if n < 0 || n >= g.Dims[a] {
		return Plane{}, fmt.Errorf("plane: slice %d outside 0..%d along %s", n, g.Dims[a]-1, a)
	}
	nx, ny := g.Dims[0], g.Dims[1]
	switch a {
	case AxisI:
		return Plane{a, n, ny, g.Dims[2], n, nx, nx * ny}, nil
	case AxisJ:
		return Plane{a, n, nx, g.Dims[2], n * nx, 1, nx * ny}, nil
	}
	return Plane{a, n, nx, ny, n * nx * ny, 1, nx}, nil
}

// Offset is the flat index of plane pixel (u, v).
func (p Plane) Offset(u, v int) int { return p.Origin + u*p.StrideU + v*p.StrideV }

// Voxel returns the (i, j, k) of plane pixel (u, v).
func (p Plane) Voxel(u, v int) [3]int {
	switch p.Axis {
	case AxisI:
		return [3]int{p.Index, u, v}
	case AxisJ:
		return [3]int{u, p.Index, v}
	}
	return [3]int{u, v, p.Index}
}

// CopyPlane copies the pixels of p from src into dst (grown if too small),
// row v after row v, and returns dst[:p.W*p.H].
func CopyPlane[T any](src []T, p Plane, dst []T) []T {
	n := p.W * p.H
	if cap(dst) < n {
		dst = make([]T, n)
	}
	dst = dst[:n]
	for v := 0; v < p.H; v++ {
		row := dst[v*p.W : (v+1)*p.W]
		o := p.Origin + v*p.StrideV
		if p.StrideU == 1 {
			copy(row, src[o:o+p.W])
			continue
		}
		for u := range row {
			row[u] = src[o]
			o += p.StrideU
		}
	}
	return dst
}
