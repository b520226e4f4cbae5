package app

import (
	"image/color"
	"testing"

	"github.com/saros-review/saros-review/annotate"
)

// TestLabelPickerSwatchAndFullNames: choosing a label from the dropdown
// colours the swatch as the views draw that label, in either map; every
// option of the bar's dropdowns fits their fixed width, so names show in
// full and the bar does not change size.
func TestLabelPickerSwatchAndFullNames(t *testing.T) {
	c, s, _ := openEditable(t)
	b := s.EditBar
	want := func(m annotate.Map) color.Color {
		st := s.Scene.Style()
		ms := &st.Regions
		if m == annotate.MapParts {
			ms = &st.Parts
		}
		rgb := ms.Colours[s.Editor.Label[m]]
		return color.NRGBA{rgb.R, rgb.G, rgb.B, 255}
	}
	choose(t, c, b.label, 4)
	if b.SwatchColour() != want(annotate.MapRegions) {
		t.Errorf("swatch %v, label drawn in %v", b.SwatchColour(), want(annotate.MapRegions))
	}
	first := b.SwatchColour()
	b.maps.SetSelected("edit parts")
	if b.SwatchColour() != want(annotate.MapParts) || b.SwatchColour() == first {
		t.Errorf("parts: swatch %v, label drawn in %v", b.SwatchColour(), want(annotate.MapParts))
	}
	width := b.Content().MinSize().Width
	for _, sel := range []*keySelect{b.label, b.over, b.thresh} {
		for _, o := range sel.Options {
			sel.SetSelected(o)
			if w := sel.MinSize().Width; w > PickerWidth {
				t.Errorf("%q needs %g, the picker is %d wide", o, w, PickerWidth)
			}
		}
	}
	if b.Content().MinSize().Width != width {
		t.Error("the bar changed width with the choices")
	}
}
