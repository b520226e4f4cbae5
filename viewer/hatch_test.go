package viewer

import (
	"bytes"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// TestHatchStrength: with hatching off an ignored slice is the plain CT
// (as with both maps hidden); at half strength it lies between the plain
// CT and full hatching; each has its golden image, coronal too.
func TestHatchStrength(t *testing.T) {
	l := layersAs(orientations[0].perm, orientations[0].flip)
	f := NewFrame(l.Image.Grid, Axial)
	vp := Fit(f, 160, 160)
	render := func(set func(*Style)) []byte {
		st := DefaultStyle()
		st.Crosshair = false
		set(st)
		var r Renderer
		return r.Render(nil, l, f, 27, vp, st, Cursor{}).Pix
	}
	plain := render(func(s *Style) { s.Regions.Show, s.Parts.Show = false, false })
	off := render(func(s *Style) { s.Hatch = 0 })
	half := render(func(s *Style) { s.Hatch = 0.5 })
	full := render(func(*Style) {})
	if !bytes.Equal(off, plain) {
		t.Error("hatching off: an ignored slice is not the plain CT")
	}
	between, differs := true, false
	for i := range half {
		lo, hi := min(plain[i], full[i]), max(plain[i], full[i])
		if half[i] < lo || half[i] > hi {
			between = false
		}
		differs = differs || half[i] != plain[i] && half[i] != full[i]
	}
	if !between || !differs {
		t.Errorf("half strength: between plain and full %v, neither %v", between, differs)
	}
	for _, c := range []struct {
		name  string
		hatch float64
	}{{"off", 0}, {"half", 0.5}} {
		st := DefaultStyle()
		st.Hatch = c.hatch
		golden(t, "coronal-hatch-"+c.name+".png", renderView(l, Coronal, st, 160, 200))
	}
}

// TestAnnotatedRowsOnly: with the option, coronal and sagittal views draw
// every row from its nearest annotated slice, so no voxel of an ignored
// slice shows: overwriting the ignored slices changes nothing. Without
// the option, or without Layers.Slices, it does; the axial view is the
// same either way.
func TestAnnotatedRowsOnly(t *testing.T) {
	l := layersAs(orientations[0].perm, orientations[0].flip)
	im := *l.Image
	im.Voxels = append([]int16(nil), l.Image.Voxels...)
	for k := 0; k < im.Dims[2]; k++ {
		if l.Regions.SliceState(k) == volume.Ignored {
			s := im.Axial(k)
			for i := range s {
				s[i] = int16(-1000 + 7*(i%300))
			}
		}
	}
	other := l
	other.Image = &im
	st := DefaultStyle()
	for _, v := range []View{Coronal, Sagittal} {
		st.AnnotatedRowsOnly = false
		if bytes.Equal(renderView(l, v, st, 160, 200).Pix, renderView(other, v, st, 160, 200).Pix) {
			t.Fatalf("%s: the ignored slices do not show without the option", v)
		}
		st.AnnotatedRowsOnly = true
		if bytes.Equal(renderView(l, v, st, 160, 200).Pix, renderView(other, v, st, 160, 200).Pix) {
			t.Errorf("%s: the option without slice states hid the ignored slices", v)
		}
		l.Slices, other.Slices = l.Regions.SliceStates(), l.Regions.SliceStates()
		if !bytes.Equal(renderView(l, v, st, 160, 200).Pix, renderView(other, v, st, 160, 200).Pix) {
			t.Errorf("%s: ignored slices show with annotated rows only", v)
		}
		l.Slices, other.Slices = nil, nil
	}
	l.Slices = l.Regions.SliceStates()
	golden(t, "coronal-annotated-rows.png", renderView(l, Coronal, st, 160, 200))
	if !bytes.Equal(renderView(l, Axial, st, 160, 160).Pix, renderView(l, Axial, DefaultStyle(), 160, 160).Pix) {
		t.Error("the axial view changed with annotated rows only")
	}
}

// TestNearestAnnotated: rows between annotated slices go to the nearer
// one (the lower on a tie), rows outside to the first or last.
func TestNearestAnnotated(t *testing.T) {
	var r Renderer
	st := make([]volume.SliceState, 12)
	st[2], st[7], st[10] = volume.Annotated, volume.Mixed, volume.Annotated
	if !r.nearestAnnotated(st) {
		t.Fatal("no annotated slice found")
	}
	want := []int{2, 2, 2, 2, 2, 7, 7, 7, 7, 10, 10, 10}
	for k := range want {
		if r.nearest[k] != want[k] {
			t.Errorf("slice %d → %d, want %d", k, r.nearest[k], want[k])
		}
	}
	if r.nearestAnnotated(make([]volume.SliceState, 5)) {
		t.Error("found an annotated slice in an ignored map")
	}
}
