package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"github.com/saros-review/saros-review/annotate"
)

// PickerWidth is the fixed width of the edit bar's dropdowns: the longest
// label name ("only subcutaneous tissue", "adipose -190…-30 HU") shows in
// full, and the bar keeps its width whatever is chosen.
const PickerWidth = 240

// fixedPicker holds a dropdown at PickerWidth.
func fixedPicker(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(PickerWidth, 36), o)
}

// newSwatch is the square beside the label dropdown in the active
// label's colour.
func newSwatch() *canvas.Rectangle {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(20, 20))
	r.StrokeColor = color.NRGBA{128, 128, 128, 255}
	r.StrokeWidth = 1
	return r
}

// syncSwatch colours the swatch as the views draw the active label.
func (b *EditBar) syncSwatch() {
	st := b.ed.scene.Style()
	ms := &st.Regions
	if b.ed.Map == annotate.MapParts {
		ms = &st.Parts
	}
	c := ms.Colours[b.ed.Label[b.ed.Map]]
	b.swatch.FillColor = color.NRGBA{c.R, c.G, c.B, 255}
	b.swatch.Refresh()
}

// SwatchColour is the colour the swatch shows (tests).
func (b *EditBar) SwatchColour() color.Color { return b.swatch.FillColor }
