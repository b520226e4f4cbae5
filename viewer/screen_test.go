package viewer

import (
	"math"
	"testing"
)

// TestScreenToVoxel, for every storage order and view: the centre of a
// voxel on screen maps back to that voxel exactly; a quarter voxel to the
// right and down on screen moves a quarter voxel along the array axes the
// frame puts there, toward the patient's left (axial, coronal) or
// posterior (sagittal) and toward posterior (axial) or inferior (coronal,
// sagittal) in world space, whatever the storage order; points off the
// frame say so.
func TestScreenToVoxel(t *testing.T) {
	// Which world axis screen x and y follow, and the sign the world
	// coordinate changes by as the screen coordinate grows (RAS).
	want := map[View][2][2]int{
		Axial:    {{0, -1}, {1, -1}},
		Coronal:  {{0, -1}, {2, -1}},
		Sagittal: {{1, -1}, {2, -1}},
	}
	for _, o := range orientations {
		l := layersAs(o.perm, o.flip)
		g := l.Image.Grid
		for _, v := range Views {
			f := NewFrame(g, v)
			vp := Fit(f, 300, 240)
			vp.ZoomAbout(100, 80, 2.7)
			vp.Pan(-35, 12)
			for _, ijk := range [][3]int{{0, 0, 0}, {5, 7, 9}, {g.Dims[0] - 1, g.Dims[1] - 1, g.Dims[2] - 1}} {
				u, w, n := f.ScreenUV(ijk)
				x, y := vp.VoxelCentre(f, u, w)
				got, in := vp.ScreenToVoxel(f, x, y, n)
				for a := range got {
					if !in || math.Abs(got[a]-float64(ijk[a])) > 1e-9 {
						t.Fatalf("%s %s: centre of %v -> %v (inside %v)", o.name, v, ijk, got, in)
					}
				}
				quarter := [2]float64{0.25 * f.Spacing[0] * vp.Zoom, 0.25 * f.Spacing[1] * vp.Zoom}
				for d := 0; d < 2; d++ {
					dx, dy := quarter[0], 0.0
					if d == 1 {
						dx, dy = 0, quarter[1]
					}
					moved, _ := vp.ScreenToVoxel(f, x+dx, y+dy, n)
					axis := [2]int{int(f.U), int(f.V)}[d]
					if step := math.Abs(moved[axis] - got[axis]); math.Abs(step-0.25) > 1e-9 {
						t.Errorf("%s %s: a quarter voxel on screen moved %g along array axis %d", o.name, v, step, axis)
					}
					a, b := g.World(got[0], got[1], got[2]), g.World(moved[0], moved[1], moved[2])
					wa, sign := want[v][d][0], want[v][d][1]
					if diff := b[wa] - a[wa]; diff*float64(sign) <= 0 {
						t.Errorf("%s %s: screen %s moves world axis %d by %g, want sign %d", o.name, v, [2]string{"right", "down"}[d], wa, diff, sign)
					}
				}
			}
			// Off the frame: left of its left edge, below its bottom.
			x0, y0 := vp.ToScreen(0, 0)
			x1, y1 := vp.ToScreen(f.Extent()[0], f.Extent()[1])
			for _, p := range [][2]float64{{x0 - 1, (y0 + y1) / 2}, {(x0 + x1) / 2, y1 + 1}} {
				if _, in := vp.ScreenToVoxel(f, p[0], p[1], 0); in {
					t.Errorf("%s %s: point %v off the frame counts as inside", o.name, v, p)
				}
			}
		}
	}
}
