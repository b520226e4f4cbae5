package sliceview

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/viewer"
)

// Strip is the slice strip beside the axial view: one band per axial
// slice, annotated or not, the current one highlighted; clicking or
// dragging jumps there. Marks adds ticks (edited, flagged, QC…).
type Strip struct {
	widget.BaseWidget
	scene *Scene
	// Marks returns extra marks to draw; nil for none.
	Marks func() []viewer.StripMark
	buf   *image.RGBA
}

// NewStrip makes the strip of a scene and registers it there.
func NewStrip(scene *Scene) *Strip {
	s := &Strip{scene: scene}
	s.ExtendBaseWidget(s)
	scene.strips = append(scene.strips, s)
	return s
}

// layout maps rows of a strip of height h to slices: superior at the top.
func (s *Strip) layout(h int) viewer.StripLayout {
	g := s.scene.layers.Image.Grid
	return viewer.StripLayout{N: g.Dims[2], H: h, Up: g.Direction(2)[2] >= 0}
}

// SliceAt returns the axial slice at widget position p.
func (s *Strip) SliceAt(p fyne.Position) int {
	return s.layout(int(s.Size().Height)).Slice(int(p.Y))
}

// Tapped jumps to the slice clicked.
func (s *Strip) Tapped(ev *fyne.PointEvent) { s.jump(ev.Position) }

// Dragged follows the pointer along the strip.
func (s *Strip) Dragged(ev *fyne.DragEvent) { s.jump(ev.Position) }

// DragEnd ends a drag.
func (s *Strip) DragEnd() {}

func (s *Strip) jump(p fyne.Position) {
	c := s.scene.cursor
	c[2] = s.SliceAt(p)
	s.scene.SetCursor(c)
}

// MinSize is a narrow column.
func (s *Strip) MinSize() fyne.Size { return fyne.NewSize(16, 100) }

// CreateRenderer builds the strip's renderer.
func (s *Strip) CreateRenderer() fyne.WidgetRenderer {
	r := canvas.NewRaster(func(w, h int) image.Image {
		var marks []viewer.StripMark
		if s.Marks != nil {
			marks = s.Marks()
		}
		s.buf = viewer.RenderStrip(s.buf, w, h, s.scene.SliceStates(), s.layout(h).Up, s.scene.cursor[2], marks)
		return s.buf
	})
	return widget.NewSimpleRenderer(r)
}
