package viewer

import (
	"math"
	"testing"
)

// TestDisagreementTintsInTwoColours: in every storage order, a voxel only
// in A is tinted towards OnlyAColour, one only in B towards OnlyBColour,
// and a voxel in neither keeps its pixel.
func TestDisagreementTintsInTwoColours(t *testing.T) {
	ran := 0
	for _, o := range orientations {
		l := layersAs(o.perm, o.flip)
		g := l.Image.Grid
		st := DefaultStyle()
		f := NewFrame(g, Axial)
		if f.Normal != 2 {
			continue // the overlay is of an axial slice (array axis k)
		}
		ran++
		vp := Fit(f, 240, 240)
		va, vb, none := [3]int{4, 6, 3}, [3]int{5, 6, 3}, [3]int{6, 6, 3}
		at := func(ijk [3]int, cur Cursor) [3]uint8 {
			var r Renderer
			img := r.Render(nil, l, f, ijk[2], vp, st, cur)
			u, v, _ := f.ScreenUV(ijk)
			x, y := vp.VoxelCentre(f, u, v)
			px := img.RGBAAt(int(math.Floor(x)), int(math.Floor(y)))
			return [3]uint8{px.R, px.G, px.B}
		}
		one := func(ijk [3]int) Preview {
			return Preview{Valid: true, K: ijk[2], I0: ijk[0], J0: ijk[1], I1: ijk[0], J1: ijk[1], Mask: []bool{true}}
		}
		with := Cursor{Marks: Marks{Disagree: Disagreement{OnlyA: one(va), OnlyB: one(vb)}}}
		tinted := func(got, before [3]uint8, col [3]uint8) bool {
			for c := range got {
				want := uint8((uint16(before[c]) + uint16(col[c])*3) / 4)
				if got[c] != want {
					return false
				}
			}
			return true
		}
		if !tinted(at(va, with), at(va, Cursor{}), OnlyAColour) {
			t.Errorf("%s: the voxel only in A is not tinted orange", o.name)
		}
		if !tinted(at(vb, with), at(vb, Cursor{}), OnlyBColour) {
			t.Errorf("%s: the voxel only in B is not tinted cyan", o.name)
		}
		if at(none, with) != at(none, Cursor{}) {
			t.Errorf("%s: a voxel in neither is tinted", o.name)
		}
	}
	if ran == 0 {
		t.Fatal("no storage order has an axial normal along k")
	}
}
