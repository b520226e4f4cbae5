package sliceview

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
)

// SliceView shows one view (axial, coronal or sagittal) of a scene. Click
// or drag moves the cursor; the wheel scrolls slices, Ctrl+wheel zooms
// about the pointer; middle-drag or Space+drag pans; right-drag changes
// window and level.
type SliceView struct {
	widget.BaseWidget
	scene  *Scene
	view   viewer.View
	frame  viewer.Frame
	vp     viewer.Viewport
	fitted bool // refit on resize until the user zooms or pans

	// Modifiers reports the keyboard modifiers held (Ctrl for zoom);
	// the desktop driver's by default, replaceable in tests.
	Modifiers func() fyne.KeyModifier
	// SpaceHeld is set by the window while Space is down: drag pans.
	SpaceHeld bool
	// OnFrame, when set, is told each time a frame is painted, with the
	// time since the input that caused it (0 when none did): tracing.
	OnFrame func(latency time.Duration)

	button   desktop.MouseButton
	last     fyne.Position
	pressAt  fyne.Position
	painting bool // a tool drag is under way
	inputAt  time.Time
	renderer viewer.Renderer
	buf      *image.RGBA
	scale    float32
}

// New makes a view of the scene and registers it there.
func New(scene *Scene, v viewer.View) *SliceView {
	s := &SliceView{scene: scene, view: v, frame: viewer.NewFrame(scene.layers.Image.Grid, v), fitted: true, Modifiers: modifiers, scale: 1}
	s.ExtendBaseWidget(s)
	scene.views = append(scene.views, s)
	return s
}

// View says which view this is.
func (s *SliceView) View() viewer.View { return s.view }

// Frame is the view's frame (axes, flips, letters).
func (s *SliceView) Frame() viewer.Frame { return s.frame }

// Viewport is the current zoom and pan, in output pixels.
func (s *SliceView) Viewport() viewer.Viewport { return s.vp }

// Slice is the index along the view's normal array axis shown now.
func (s *SliceView) Slice() int { return s.scene.cursor[s.frame.Normal] }

// UnitsPerMM is the zoom in widget units (Fyne's device-independent
// pixels) per millimetre.
func (s *SliceView) UnitsPerMM() float64 {
	if s.vp.Zoom == 0 {
		return 1
	}
	return s.vp.Zoom / float64(s.scale)
}

// CentreOn pans so that voxel ijk lies at the centre of the view, keeping
// the zoom.
func (s *SliceView) CentreOn(ijk [3]int) {
	u, v, _ := s.frame.ScreenUV(ijk)
	s.fitted = false
	s.vp.Center = [2]float64{(float64(u) + 0.5) * s.frame.Spacing[0], (float64(v) + 0.5) * s.frame.Spacing[1]}
	s.Refresh()
}

// Fit shows the whole slice in the widget again.
func (s *SliceView) Fit() {
	s.fitted = true
	s.vp = viewer.Fit(s.frame, s.vp.W, s.vp.H)
	s.Refresh()
}

// pixel converts a widget position to output pixels.
func (s *SliceView) pixel(p fyne.Position) (float64, float64) {
	return float64(p.X * s.scale), float64(p.Y * s.scale)
}

// VoxelAt returns the voxel under widget position p on the current slice.
func (s *SliceView) VoxelAt(p fyne.Position) ([3]int, bool) {
	x, y := s.pixel(p)
	u, v, ok := s.vp.VoxelAt(s.frame, x, y)
	if !ok {
		return [3]int{}, false
	}
	return s.frame.Voxel(u, v, s.Slice()), true
}

// PositionOf returns the widget position of the centre of voxel ijk.
func (s *SliceView) PositionOf(ijk [3]int) fyne.Position {
	u, v, _ := s.frame.ScreenUV(ijk)
	x, y := s.vp.VoxelCentre(s.frame, u, v)
	return fyne.NewPos(float32(x)/s.scale, float32(y)/s.scale)
}

// VoxelAtF returns the fractional voxel (i, j, k) under widget position p
// on the current slice (voxel centres at whole numbers).
func (s *SliceView) VoxelAtF(p fyne.Position) ([3]float64, bool) {
	x, y := s.pixel(p)
	return s.vp.ScreenToVoxel(s.frame, x, y, s.Slice())
}

// toolActive reports whether the primary button goes to the tool.
func (s *SliceView) toolActive() bool {
	return s.scene.tool != nil && !s.SpaceHeld && (s.button == 0 || s.button == desktop.MouseButtonPrimary)
}

// moveCursorTo puts the cursor on the voxel under p, keeping the slice.
func (s *SliceView) moveCursorTo(p fyne.Position) {
	if ijk, ok := s.VoxelAt(p); ok {
		s.scene.SetCursor(ijk)
	}
}

// Step moves this view's slice by n voxels toward superior (axial),
// anterior (coronal) or the patient's left (sagittal), whatever the
// storage order.
func (s *SliceView) Step(n int) {
	dir := s.scene.layers.Image.Direction(s.frame.Normal)
	want := map[viewer.View][3]float64{viewer.Axial: {0, 0, 1}, viewer.Coronal: {0, 1, 0}, viewer.Sagittal: {-1, 0, 0}}[s.view]
	if dir[0]*want[0]+dir[1]*want[1]+dir[2]*want[2] < 0 {
		n = -n
	}
	c := s.scene.cursor
	c[s.frame.Normal] += n
	s.scene.SetCursor(c)
}

// MoveInPlane moves the cursor by (du, dv) voxels along screen x and y.
func (s *SliceView) MoveInPlane(du, dv int) {
	u, v, n := s.frame.ScreenUV(s.scene.cursor)
	u = max(0, min(s.frame.Size[0]-1, u+du))
	v = max(0, min(s.frame.Size[1]-1, v+dv))
	s.scene.SetCursor(s.frame.Voxel(u, v, n))
}

// Tapped moves the cursor to the voxel clicked.
func (s *SliceView) Tapped(ev *fyne.PointEvent) {
	s.scene.SetActive(s)
	if s.toolActive() {
		p, _ := s.VoxelAtF(ev.Position)
		s.scene.tool.Press(s, p, s.Modifiers()&fyne.KeyModifierControl != 0)
		s.scene.tool.Release(s)
		return
	}
	s.moveCursorTo(ev.Position)
}

// Dragged pans (middle button, or Space held) or drags the cursor.
func (s *SliceView) Dragged(ev *fyne.DragEvent) {
	if s.button == desktop.MouseButtonTertiary || s.SpaceHeld {
		s.fitted = false
		s.vp.Pan(float64(ev.Dragged.DX*s.scale), float64(ev.Dragged.DY*s.scale))
		s.mark()
		s.Refresh()
		return
	}
	if s.toolActive() {
		if !s.painting {
			s.painting = true
			start := s.pressAt
			if s.button == 0 { // no MouseDown seen: start where the drag began
				start = ev.Position.Subtract(ev.Dragged)
			}
			p, _ := s.VoxelAtF(start)
			s.scene.tool.Press(s, p, false)
		}
		p, _ := s.VoxelAtF(ev.Position)
		s.mark()
		s.scene.tool.Drag(s, p)
		return
	}
	s.moveCursorTo(ev.Position)
}

// DragEnd ends a drag (and a tool stroke).
func (s *SliceView) DragEnd() {
	if s.painting {
		s.painting = false
		if s.scene.tool != nil {
			s.scene.tool.Release(s)
		}
	}
}

// Scrolled changes slice (by Scene.WheelStep when set, else one a
// notch), or zooms about the pointer with Ctrl held.
func (s *SliceView) Scrolled(ev *fyne.ScrollEvent) {
	s.scene.SetActive(s)
	s.mark()
	steps := ev.Scrolled.DY
	if steps == 0 && s.Modifiers()&fyne.KeyModifierShift != 0 {
		steps = ev.Scrolled.DX // Shift turns the wheel sideways on some systems
	}
	if steps == 0 {
		return
	}
	if s.Modifiers()&fyne.KeyModifierControl != 0 {
		s.fitted = false
		x, y := s.pixel(ev.Position)
		s.vp.ZoomAbout(x, y, math.Pow(1.15, float64(steps)/10))
		s.Refresh()
		return
	}
	n := 1
	if steps < 0 {
		n = -1
	}
	if s.scene.WheelStep != nil {
		n = s.scene.WheelStep(float64(steps), s.Modifiers()&(fyne.KeyModifierShift|fyne.KeyModifierAlt) != 0)
	}
	s.Step(n)
	s.hover(ev.Position) // the voxel under a still pointer changed
}

// hover tells the scene which voxel lies under widget position p.
func (s *SliceView) hover(p fyne.Position) {
	if s.scene.OnHover != nil {
		ijk, ok := s.VoxelAt(p)
		s.scene.OnHover(ijk, ok)
	}
}

// MouseDown remembers the button for the drag that may follow.
func (s *SliceView) MouseDown(ev *desktop.MouseEvent) {
	s.scene.SetActive(s)
	s.button, s.last, s.pressAt = ev.Button, ev.Position, ev.Position
}

// MouseUp ends a button press.
func (s *SliceView) MouseUp(*desktop.MouseEvent) { s.button = 0 }

// MouseIn starts hovering; the view under the pointer becomes the one
// keys act on (M makes it the main view without a click).
func (s *SliceView) MouseIn(ev *desktop.MouseEvent) {
	s.scene.SetActive(s)
	s.last = ev.Position
	s.hover(ev.Position)
}

// MouseMoved reports the voxel under the pointer and, with the right
// button held, changes window (horizontal) and level (vertical).
func (s *SliceView) MouseMoved(ev *desktop.MouseEvent) {
	if ev.Button == desktop.MouseButtonSecondary && s.button == desktop.MouseButtonSecondary {
		d := ev.Position.Subtract(s.last)
		s.mark()
		s.scene.AdjustWindow(float64(d.X)*4, -float64(d.Y)*2)
	}
	s.last = ev.Position
	s.hover(ev.Position)
	if s.scene.tool != nil {
		p, in := s.VoxelAtF(ev.Position)
		s.scene.tool.Hover(s, p, in)
	}
}

// MouseOut ends hovering.
func (s *SliceView) MouseOut() {
	if s.scene.tool != nil {
		s.scene.tool.Hover(s, [3]float64{}, false)
	}
	if s.scene.OnHover != nil {
		s.scene.OnHover([3]int{}, false)
	}
}

// mark notes the time of an input for latency tracing.
func (s *SliceView) mark() {
	if s.OnFrame != nil && s.inputAt.IsZero() {
		s.inputAt = time.Now()
	}
}

// Capture renders the view at w×h output pixels now (screenshots, tests).
func (s *SliceView) Capture(w, h int) *image.RGBA {
	vp := s.vp
	if s.fitted || vp.W == 0 {
		vp = viewer.Fit(s.frame, w, h)
	} else {
		vp.Resize(w, h)
	}
	var r viewer.Renderer
	return r.Render(nil, s.scene.renderLayers(), s.frame, s.Slice(), vp, s.scene.style, viewer.Cursor{IJK: s.scene.cursor, Valid: true})
}

// resize sets the output size: refit while fitted, else keep zoom and
// centre.
func (s *SliceView) resize(w, h int) {
	if s.fitted || s.vp.W == 0 {
		s.vp = viewer.Fit(s.frame, w, h)
	} else {
		s.vp.Resize(w, h)
	}
}

// cursorMarks is the crosshair plus what the tool draws in this view.
func (s *SliceView) cursorMarks() viewer.Cursor {
	c := viewer.Cursor{IJK: s.scene.cursor, Valid: true, Marks: s.scene.marks}
	if s.scene.toolView != s.view || s.scene.tool == nil {
		c.BrushMM, c.Polygon = 0, nil
	}
	return c
}

// generate renders the frame at the size Fyne paints it.
func (s *SliceView) generate(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	s.resize(w, h)
	s.buf = s.renderer.Render(s.buf, s.scene.renderLayers(), s.frame, s.Slice(), s.vp, s.scene.style, s.cursorMarks())
	if s.OnFrame != nil {
		var d time.Duration
		if !s.inputAt.IsZero() {
			d = time.Since(s.inputAt)
		}
		s.inputAt = time.Time{}
		s.OnFrame(d)
	}
	return s.buf
}

// CreateRenderer builds the view's private renderer.
func (s *SliceView) CreateRenderer() fyne.WidgetRenderer {
	r := &viewRenderer{s: s, raster: canvas.NewRaster(s.generate)}
	r.raster.ScaleMode = canvas.ImageScalePixels
	for i := range r.letters {
		r.letters[i] = canvas.NewText(s.frame.Letters[i], color.NRGBA{255, 210, 60, 255})
		r.letters[i].TextStyle.Bold = true
	}
	r.title = canvas.NewText("", color.NRGBA{220, 220, 220, 255})
	r.title.TextSize = theme.TextSize() * 0.9
	r.note = canvas.NewText("", color.NRGBA{240, 190, 80, 255})
	r.note.TextStyle.Bold = true
	r.update()
	return r
}

type viewRenderer struct {
	s       *SliceView
	raster  *canvas.Raster
	letters [4]*canvas.Text
	title   *canvas.Text
	note    *canvas.Text
}

func (r *viewRenderer) Layout(size fyne.Size) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.s); c != nil {
		r.s.scale = c.Scale()
	}
	r.raster.Resize(size)
	r.raster.Move(fyne.NewPos(0, 0))
	r.s.resize(int(math.Round(float64(size.Width*r.s.scale))), int(math.Round(float64(size.Height*r.s.scale))))
	pad := float32(4)
	for i, t := range r.letters {
		ts := t.MinSize()
		switch i {
		case 0:
			t.Move(fyne.NewPos(pad, (size.Height-ts.Height)/2))
		case 1:
			t.Move(fyne.NewPos(size.Width-ts.Width-pad, (size.Height-ts.Height)/2))
		case 2:
			t.Move(fyne.NewPos((size.Width-ts.Width)/2, pad))
		case 3:
			t.Move(fyne.NewPos((size.Width-ts.Width)/2, size.Height-ts.Height-pad))
		}
		t.Resize(ts)
	}
	r.title.Move(fyne.NewPos(pad, pad))
	r.title.Resize(r.title.MinSize())
	ns := r.note.MinSize()
	r.note.Move(fyne.NewPos((size.Width-ns.Width)/2, size.Height-ns.Height-pad-r.letters[3].MinSize().Height))
	r.note.Resize(ns)
}

func (r *viewRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

// update refreshes the texts for the current slice.
func (r *viewRenderer) update() {
	s := r.s
	n := s.Slice()
	r.title.Text = fmt.Sprintf("%s %d of 0–%d", s.view, n, s.frame.Slices-1)
	r.note.Text = ""
	if s.view == viewer.Axial && s.frame.Normal == volume.AxisK {
		if st := s.scene.SliceStates(); st != nil {
			switch st[n] {
			case volume.Ignored:
				r.note.Text = "not annotated"
				if why := s.scene.notes[n]; why != "" {
					r.note.Text += ": " + why
				}
			case volume.Mixed:
				r.note.Text = "mixed slice: partly not annotated"
			}
		}
	}
}

func (r *viewRenderer) Refresh() {
	r.update()
	r.title.Refresh()
	r.note.Refresh()
	r.Layout(r.s.Size())
	r.raster.Refresh()
}

func (r *viewRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.raster, r.letters[0], r.letters[1], r.letters[2], r.letters[3], r.title, r.note}
}

func (r *viewRenderer) Destroy() {}
