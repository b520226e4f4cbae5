package viewer

import (
	"math"

	"github.com/saros-review/saros-review/volume"
)

// View is one of the three standard views.
type View int

// The views. Radiological convention: patient right on screen left;
// anterior up in axial; superior up in coronal and sagittal; anterior on
// the left in sagittal.
const (
	Axial View = iota
	Coronal
	Sagittal
)

// Views lists the three views in display order.
var Views = []View{Axial, Coronal, Sagittal}

// String names the view.
func (v View) String() string { return [...]string{"axial", "coronal", "sagittal"}[v] }

// screen gives, per view, the RAS world axis and sign that screen +x and
// screen +y (downwards) should follow, and the world axis of the normal.
var screen = [3]struct {
	x, y   [2]int // world axis, sign
	normal int
}{
	Axial:    {x: [2]int{0, -1}, y: [2]int{1, -1}, normal: 2}, // x → L, y → P
	Coronal:  {x: [2]int{0, -1}, y: [2]int{2, -1}, normal: 1}, // x → L, y → I
	Sagittal: {x: [2]int{1, -1}, y: [2]int{2, -1}, normal: 0}, // x → P, y → I
}

// Frame says how a view lays a grid's voxels on the screen: which array
// axis is the slice normal, which runs along screen x (U) and y (V),
// whether they run backwards, the voxel size along each, and the
// orientation letters at the edges, all derived from the affine.
type Frame struct {
	View         View
	Normal, U, V volume.Axis
	FlipU, FlipV bool       // screen coordinate grows as the array index falls
	Spacing      [2]float64 // mm per voxel along screen x and y
	Size         [2]int     // voxels along screen x and y
	Slices       int        // voxels along the normal
	Letters      [4]string  // at the left, right, top and bottom edges
}

// NewFrame works out the frame of view v for grid g. Each screen direction
// takes the array axis closest to the world direction it should show (as
// nibabel's io_orientation pairs them); oblique volumes show in their
// nearest anatomical orientation, as ITK-SNAP does.
func NewFrame(g volume.Grid, v View) Frame {
	o := volume.Orientation(g.Affine)
	want := screen[v]
	axisFor := func(world int) (volume.Axis, int) {
		for a, wo := range o {
			if wo[0] == world {
				return volume.Axis(a), wo[1]
			}
		}
		return volume.Axis(world), 1 // undetermined: keep array order
	}
	f := Frame{View: v}
	var su, sv int
	f.U, su = axisFor(want.x[0])
	f.V, sv = axisFor(want.y[0])
	f.Normal, _ = axisFor(want.normal)
	if f.U == f.V || f.U == f.Normal || f.V == f.Normal { // degenerate affine
		f.Normal = volume.Axis(want.normal)
		f.U, f.V, su, sv = lowerHigher(f.Normal)
	}
	f.FlipU, f.FlipV = su != want.x[1], sv != want.y[1]
	f.Spacing = [2]float64{g.Spacing[f.U], g.Spacing[f.V]}
	f.Size = [2]int{g.Dims[f.U], g.Dims[f.V]}
	f.Slices = g.Dims[f.Normal]
	dir := func(a volume.Axis, flip bool) [3]float64 {
		d := g.Direction(a)
		if flip {
			d = [3]float64{-d[0], -d[1], -d[2]}
		}
		return d
	}
	right, down := dir(f.U, f.FlipU), dir(f.V, f.FlipV)
	f.Letters = [4]string{letter(neg(right)), letter(right), letter(neg(down)), letter(down)}
	return f
}

func lowerHigher(n volume.Axis) (u, v volume.Axis, su, sv int) {
	switch n {
	case volume.AxisI:
		return volume.AxisJ, volume.AxisK, 1, 1
	case volume.AxisJ:
		return volume.AxisI, volume.AxisK, 1, 1
	}
	return volume.AxisI, volume.AxisJ, 1, 1
}

func neg(d [3]float64) [3]float64 { return [3]float64{-d[0], -d[1], -d[2]} }

// letter names the anatomical direction a RAS vector points to most.
func letter(d [3]float64) string {
	best, ax := 0.0, 0
	for a := 0; a < 3; a++ {
		if math.Abs(d[a]) > best {
			best, ax = math.Abs(d[a]), a
		}
	}
	names := [3][2]string{{"L", "R"}, {"P", "A"}, {"I", "S"}}
	if d[ax] > 0 {
		return names[ax][1]
	}
	return names[ax][0]
}

// Extent is the frame's size in mm along screen x and y.
func (f Frame) Extent() [2]float64 {
	return [2]float64{float64(f.Size[0]) * f.Spacing[0], float64(f.Size[1]) * f.Spacing[1]}
}

// Voxel returns the array index (i, j, k) of screen-ordered voxel (u, v)
// on slice n.
func (f Frame) Voxel(u, v, n int) [3]int {
	if f.FlipU {
		u = f.Size[0] - 1 - u
	}
	if f.FlipV {
		v = f.Size[1] - 1 - v
	}
	var ijk [3]int
	ijk[f.U], ijk[f.V], ijk[f.Normal] = u, v, n
	return ijk
}

// VoxelF is Voxel for fractional screen-ordered coordinates (voxel
// centres at whole numbers).
func (f Frame) VoxelF(u, v float64, n int) [3]float64 {
	if f.FlipU {
		u = float64(f.Size[0]-1) - u
	}
	if f.FlipV {
		v = float64(f.Size[1]-1) - v
	}
	var ijk [3]float64
	ijk[f.U], ijk[f.V], ijk[f.Normal] = u, v, float64(n)
	return ijk
}

// ScreenUV returns the screen-ordered (u, v) and slice of voxel ijk: the
// inverse of Voxel.
func (f Frame) ScreenUV(ijk [3]int) (u, v, n int) {
	u, v, n = ijk[f.U], ijk[f.V], ijk[f.Normal]
	if f.FlipU {
		u = f.Size[0] - 1 - u
	}
	if f.FlipV {
		v = f.Size[1] - 1 - v
	}
	return u, v, n
}
