// Package volume holds the data every part of SAROS Review shares: voxel
// grids with their geometry, CT images and label maps.
//
// Voxels live in flat slices with x fastest (index = i + nx·(j + ny·k)), like
// image.Paletted: one allocation per volume, views share memory. Every grid
// carries its 4×4 voxel-to-world affine in RAS millimetres, as nibabel
// reports it; orientation is always derived from that affine, never from the
// array order.
//
// The package is pure Go and never imports a GUI toolkit.
package volume

import (
	"fmt"
	"math"
)

// Axis names one of the three array axes of a grid.
type Axis int

// The array axes. For a typical SAROS file I runs toward the patient's left,
// J toward posterior and K toward superior, but only the affine says so.
const (
	AxisI Axis = iota
	AxisJ
	AxisK
)

// String returns "i", "j" or "k".
func (a Axis) String() string {
	switch a {
	case AxisI:
		return "i"
	case AxisJ:
		return "j"
	case AxisK:
		return "k"
	}
	return fmt.Sprintf("Axis(%d)", int(a))
}

// Grid is the geometry of a volume: its size in voxels, the voxel size in mm
// and the affine that maps voxel indices (i, j, k) to world RAS millimetres.
type Grid struct {
	Dims    [3]int     // voxels along i, j, k
	Spacing [3]float64 // voxel size in mm along i, j, k (always positive)
	Affine  Mat4       // voxel index to world RAS mm
}

// Len is the number of voxels in the grid.
func (g Grid) Len() int { return g.Dims[0] * g.Dims[1] * g.Dims[2] }

// Index is the offset of voxel (i, j, k) in a flat voxel slice.
func (g Grid) Index(i, j, k int) int { return i + g.Dims[0]*(j+g.Dims[1]*k) }

// Contains reports whether (i, j, k) lies inside the grid.
func (g Grid) Contains(i, j, k int) bool {
	return i >= 0 && j >= 0 && k >= 0 && i < g.Dims[0] && j < g.Dims[1] && k < g.Dims[2]
}

// World maps a (possibly fractional) voxel position to world RAS mm.
func (g Grid) World(i, j, k float64) [3]float64 { return g.Affine.Apply([3]float64{i, j, k}) }

// Voxel maps a world RAS position to a fractional voxel position.
func (g Grid) Voxel(p [3]float64) ([3]float64, error) {
	inv, err := g.Affine.Inverse()
	if err != nil {
		return [3]float64{}, err
	}
	return inv.Apply(p), nil
}

// VoxelVolume is the volume of one voxel in mm³.
func (g Grid) VoxelVolume() float64 { return g.Spacing[0] * g.Spacing[1] * g.Spacing[2] }

// AxCodes returns the nibabel axis codes of the grid, e.g. "LPS": for each
// array axis the world direction it points to.
func (g Grid) AxCodes() string { return AxCodes(g.Affine) }

// Validate checks that the grid can hold voxels: positive dims and finite,
// positive spacing, and an invertible affine.
func (g Grid) Validate() error {
	for a := 0; a < 3; a++ {
		if g.Dims[a] < 1 {
			return fmt.Errorf("grid: dimension %s is %d, must be at least 1", Axis(a), g.Dims[a])
		}
		s := g.Spacing[a]
		if !(s > 0) || math.IsInf(s, 0) {
			return fmt.Errorf("grid: voxel size along %s is %g mm, must be positive and finite", Axis(a), s)
		}
	}
	if _, err := g.Affine.Inverse(); err != nil {
		return fmt.Errorf("grid: %w", err)
	}
	return nil
}

// Direction returns the unit world direction of array axis a.
func (g Grid) Direction(a Axis) [3]float64 {
	c := [3]float64{g.Affine[0][a], g.Affine[1][a], g.Affine[2][a]}
	n := math.Sqrt(c[0]*c[0] + c[1]*c[1] + c[2]*c[2])
	if n == 0 {
		return c
	}
	return [3]float64{c[0] / n, c[1] / n, c[2] / n}
}

// Origin is the world position of voxel (0, 0, 0).
func (g Grid) Origin() [3]float64 { return [3]float64{g.Affine[0][3], g.Affine[1][3], g.Affine[2][3]} }

// Tolerance bounds the differences two grids may have and still count as
// the same grid.
type Tolerance struct {
	Spacing   float64 // relative difference of voxel sizes
	Origin    float64 // mm
	Direction float64 // difference of direction cosines
}

// DefaultTolerance is the tolerance of the QC geometry rule: spacing ±1e-3
// relative, origin ±1e-3 mm, direction ±1e-4.
var DefaultTolerance = Tolerance{Spacing: 1e-3, Origin: 1e-3, Direction: 1e-4}

// SameAs returns nil when o describes the same grid as g within tol, and
// otherwise an error saying the first thing that differs.
func (g Grid) SameAs(o Grid, tol Tolerance) error {
	if g.Dims != o.Dims {
		return fmt.Errorf("dims %s do not match %s", FormatDims(o.Dims), FormatDims(g.Dims))
	}
	for a := 0; a < 3; a++ {
		d := math.Abs(g.Spacing[a] - o.Spacing[a])
		if d > tol.Spacing*math.Max(math.Abs(g.Spacing[a]), math.Abs(o.Spacing[a])) {
			return fmt.Errorf("spacing %s mm does not match %s mm", formatVec(o.Spacing), formatVec(g.Spacing))
		}
	}
	go1, go2 := g.Origin(), o.Origin()
	for a := 0; a < 3; a++ {
		if math.Abs(go1[a]-go2[a]) > tol.Origin {
			return fmt.Errorf("origin %s mm does not match %s mm", formatVec(go2), formatVec(go1))
		}
	}
	for a := AxisI; a <= AxisK; a++ {
		d1, d2 := g.Direction(a), o.Direction(a)
		for r := 0; r < 3; r++ {
			if math.Abs(d1[r]-d2[r]) > tol.Direction {
				return fmt.Errorf("direction of axis %s %s does not match %s", a, formatVec(d2), formatVec(d1))
			}
		}
	}
	return nil
}

// FormatDims writes dims as "512×512×110".
func FormatDims(d [3]int) string { return fmt.Sprintf("%d×%d×%d", d[0], d[1], d[2]) }

func formatVec(v [3]float64) string { return fmt.Sprintf("(%.4g, %.4g, %.4g)", v[0], v[1], v[2]) }
