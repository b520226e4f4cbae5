package viewer

import (
	"math"
	"testing"
)

// TestPreviewTintsOnlyItsVoxels: in every storage order, a preview of one
// voxel tints the pixels of that voxel in the axial view and leaves its
// neighbour alone; without the preview the voxel's pixels are as before.
func TestPreviewTintsOnlyItsVoxels(t *testing.T) {
	for _, o := range orientations {
		l := layersAs(o.perm, o.flip)
		g := l.Image.Grid
		st := DefaultStyle()
		f := NewFrame(g, Axial)
		vp := Fit(f, 240, 240)
		mark, next := [3]int{4, 6, 3}, [3]int{5, 6, 3}
		n := mark[f.Normal]
		at := func(ijk [3]int, cur Cursor) [3]uint8 {
			var r Renderer
			img := r.Render(nil, l, f, n, vp, st, cur)
			u, v, _ := f.ScreenUV(ijk)
			x, y := vp.VoxelCentre(f, u, v)
			px := img.RGBAAt(int(math.Floor(x)), int(math.Floor(y)))
			if (int(math.Floor(x))+int(math.Floor(y)))%4 == 0 { // an untinted pixel: take its neighbour
				px = img.RGBAAt(int(math.Floor(x))+1, int(math.Floor(y)))
			}
			return [3]uint8{px.R, px.G, px.B}
		}
		p := Preview{Valid: true, K: mark[2], I0: mark[0], J0: mark[1], I1: mark[0], J1: mark[1], Mask: []bool{true}}
		with := Cursor{Marks: Marks{Preview: p}}
		if f.Normal != 2 {
			continue // the preview is of an axial slice (array axis k)
		}
		if at(mark, with) == at(mark, Cursor{}) {
			t.Errorf("%s: the previewed voxel is not tinted", o.name)
		}
		if at(next, with) != at(next, Cursor{}) {
			t.Errorf("%s: a voxel outside the preview is tinted", o.name)
		}
	}
}
