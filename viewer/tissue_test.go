package viewer

import (
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// TestTissueOverlay: in tissue mode a voxel takes the colour of its HU
// tissue within its region (muscle red, intermuscular fat green), a
// region without such tissue stays grey, and the mode does not allocate.
func TestTissueOverlay(t *testing.T) {
	g := volume.Grid{Dims: [3]int{8, 8, 1}, Spacing: [3]float64{1, 1, 1}, Affine: volume.Identity4}
	var hide uint8
	centre := func(region uint8, hu int16) [3]uint8 {
		im, reg := volume.NewImage(g), volume.NewLabelMap(g)
		for i := range im.Voxels {
			im.Voxels[i], reg.Voxels[i] = hu, region
		}
		st := DefaultStyle()
		st.Tissues, st.Opacity, st.Crosshair = true, 1, false
		if hide != 0 {
			st.Regions.Hidden[hide] = true
		}
		f := NewFrame(g, Axial)
		var r Renderer
		px := r.Render(nil, Layers{Image: im, Regions: reg}, f, 0, Fit(f, 16, 16), st, Cursor{})
		o := px.PixOffset(8, 8)
		return [3]uint8{px.Pix[o], px.Pix[o+1], px.Pix[o+2]}
	}
	m := TissueColours[0]
	if c := centre(2, 40); c != [3]uint8{m.R, m.G, m.B} {
		t.Errorf("muscle at 40 HU drawn %v", c)
	}
	if c := centre(2, -100); c != [3]uint8{60, 200, 80} {
		t.Errorf("intermuscular fat drawn %v", c)
	}
	if c := centre(1, 40); c[0] != c[1] || c[1] != c[2] {
		t.Errorf("subcutaneous tissue at 40 HU (no tissue) drawn %v, want grey", c)
	}
	if c := centre(1, -191); c[0] != c[1] {
		t.Errorf("−191 HU is below the fat range, drawn %v", c)
	}
	// A region hidden in the label panel hides its tissues too, so one
	// region's fat or muscle can be looked at alone.
	hide = 2
	if c := centre(2, 40); c[0] != c[1] || c[1] != c[2] {
		t.Errorf("muscle of a hidden region drawn %v, want grey", c)
	}
	if c := centre(1, -100); c == [3]uint8{} || c[0] == c[1] {
		t.Errorf("the fat of a region still shown drawn %v", c)
	}
}
