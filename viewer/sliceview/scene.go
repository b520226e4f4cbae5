// Package sliceview is the Fyne side of the viewer: the slice-view widget
// that shows one view of a case, the slice strip, and the Scene that links
// views through one cursor and one style. Pixels come from the viewer
// package; this package only forwards pointer and keyboard input.
package sliceview

import (
	"math"

	"fyne.io/fyne/v2"

	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
)

// Scene is what the views of one case share: the volumes, the cursor (a
// voxel; it fixes the slice of every view) and the display style.
//
// Everything that changes what the views show goes through a method that
// redraws them, so no caller has to remember to: the layers (SetLayers),
// the style (UpdateStyle), the QC box (SetBox), a polygon being drawn
// (SetPolygon) and the brush outline (SetBrush).
type Scene struct {
	layers viewer.Layers
	style  *viewer.Style
	cursor [3]int
	views  []*SliceView
	strips []*Strip
	active *SliceView
	states []volume.SliceState // of the axial slices, computed once (see InvalidateSlices)

	// OnCursor is called after the cursor moved; OnHover when the pointer
	// moves over a view (ok false when it left the volume); OnStyle after
	// a style change made through the scene.
	OnCursor func(ijk [3]int)
	OnHover  func(ijk [3]int, ok bool)
	OnStyle  func()

	// WheelStep, when set, turns a wheel notch (vertical delta dy; fast:
	// Shift or Alt held) into the slices to move.
	WheelStep func(dy float64, fast bool) int

	tool     ToolInput      // takes the primary button's input when set
	toolView viewer.View    // where the brush outline and polygon are drawn
	notes    map[int]string // why a slice was marked not annotated, by k
	marks    viewer.Marks
}

// ToolInput receives pointer input from the views, in fractional voxel
// coordinates (i, j, k), while an editing tool is active. It never sees
// the widget: only the Plane the input came from.
type ToolInput interface {
	Press(v Plane, p [3]float64, ctrl bool)
	Drag(v Plane, p [3]float64)
	Release(v Plane)
	Hover(v Plane, p [3]float64, inside bool)
}

// Plane is what a tool learns of the view a pointer event came from:
// which view, how it lays voxels on the screen, the slice it shows, and
// how many screen units a millimetre takes (for tolerances a person
// feels in pixels, such as how near the first corner a click closes a
// polygon). Refresh redraws that view (a brush outline that moved).
type Plane interface {
	View() viewer.View
	Frame() viewer.Frame
	Slice() int
	UnitsPerMM() float64
	Refresh()
}

// NewScene makes a scene with the cursor at the middle annotated axial
// slice (the middle slice when there are no labels), centred in-plane.
func NewScene(l viewer.Layers, st *viewer.Style) *Scene {
	d := l.Image.Dims
	s := &Scene{layers: l, style: st, cursor: [3]int{d[0] / 2, d[1] / 2, d[2] / 2}}
	if ks := s.AnnotatedSlices(); len(ks) > 0 {
		s.cursor[2] = ks[len(ks)/2]
	}
	return s
}

// Cursor returns the cursor voxel.
func (s *Scene) Cursor() [3]int { return s.cursor }

// SetCursor moves the cursor (clamped into the volume) and redraws every
// view and strip.
func (s *Scene) SetCursor(ijk [3]int) {
	d := s.layers.Image.Dims
	for a := range ijk {
		ijk[a] = max(0, min(d[a]-1, ijk[a]))
	}
	if ijk == s.cursor {
		return
	}
	s.cursor = ijk
	s.Redraw()
	if s.OnCursor != nil {
		s.OnCursor(ijk)
	}
}

// Redraw refreshes every view and strip.
func (s *Scene) Redraw() {
	for _, v := range s.views {
		v.Refresh()
	}
	for _, st := range s.strips {
		st.Refresh()
	}
}

// StyleChanged redraws after the style was changed and tells OnStyle.
func (s *Scene) StyleChanged() {
	s.Redraw()
	if s.OnStyle != nil {
		s.OnStyle()
	}
}

// Active is the view last clicked, scrolled or entered by the pointer,
// which keys act on.
func (s *Scene) Active() *SliceView {
	if s.active == nil && len(s.views) > 0 {
		return s.views[0]
	}
	return s.active
}

// SetActive makes v the view keys act on.
func (s *Scene) SetActive(v *SliceView) { s.active = v }

// Views lists the scene's views.
func (s *Scene) Views() []*SliceView { return s.views }

// labelsForSlices is the map whose 255 slices define annotation.
func (s *Scene) labelsForSlices() *volume.LabelMap {
	if s.layers.Regions != nil {
		return s.layers.Regions
	}
	return s.layers.Parts
}

// AnnotatedSlices lists the annotated axial slices (array index k).
func (s *Scene) AnnotatedSlices() []int {
	var ks []int
	for k, st := range s.SliceStates() {
		if st != volume.Ignored {
			ks = append(ks, k)
		}
	}
	return ks
}

// SliceStates classifies every axial slice (nil without label maps). The
// scan of the label map runs once, not on every redraw.
func (s *Scene) SliceStates() []volume.SliceState {
	if s.states == nil {
		if m := s.labelsForSlices(); m != nil {
			s.states = m.SliceStates()
		}
	}
	return s.states
}

// InvalidateSlices makes the next SliceStates rescan the whole label map
// (after the maps were replaced, as by a restore).
func (s *Scene) InvalidateSlices() { s.states = nil }

// SlicesChanged classifies axial slices ks again, and only those (after
// an edit, undo or mark touched them): a slice's scan takes microseconds
// where the whole map's takes milliseconds.
func (s *Scene) SlicesChanged(ks ...int) {
	m := s.labelsForSlices()
	if s.states == nil || m == nil {
		return
	}
	for _, k := range ks {
		if k >= 0 && k < len(s.states) {
			s.states[k] = m.SliceState(k)
		}
	}
}

// StepAnnotated moves the cursor to the next (dir > 0) or previous
// annotated axial slice; it reports whether there was one.
func (s *Scene) StepAnnotated(dir int) bool {
	k := s.cursor[2]
	best := -1
	for _, a := range s.AnnotatedSlices() {
		if dir > 0 && a > k && (best < 0 || a < best) || dir < 0 && a < k && a > best {
			best = a
		}
	}
	if best < 0 {
		return false
	}
	c := s.cursor
	c[2] = best
	s.SetCursor(c)
	return true
}

// SetPreset applies window preset i (0-based).
func (s *Scene) SetPreset(i int) {
	if i >= 0 && i < len(viewer.Presets) {
		s.style.Window = viewer.Presets[i].Window
		s.StyleChanged()
	}
}

// AdjustWindow changes width and level by the given HU (width stays ≥ 1).
func (s *Scene) AdjustWindow(dWidth, dLevel float64) {
	w := &s.style.Window
	w.Width = math.Max(1, w.Width+dWidth)
	w.Level += dLevel
	s.StyleChanged()
}

// ToggleOverlay shows or hides both label maps together.
func (s *Scene) ToggleOverlay() {
	on := !(s.style.Regions.Show || s.style.Parts.Show)
	s.style.Regions.Show, s.style.Parts.Show = on, on
	s.StyleChanged()
}

// AdjustOpacity changes the overlay opacity by d, within 0..1.
func (s *Scene) AdjustOpacity(d float64) {
	s.style.Opacity = math.Round(math.Max(0, math.Min(1, s.style.Opacity+d))*100) / 100
	s.StyleChanged()
}

// ToggleOutline switches the regions map between filled and outline.
func (s *Scene) ToggleOutline() {
	s.style.Regions.Outline = !s.style.Regions.Outline
	s.StyleChanged()
}

// ToggleCrosshair shows or hides the crosshairs.
func (s *Scene) ToggleCrosshair() {
	s.style.Crosshair = !s.style.Crosshair
	s.StyleChanged()
}

// ChangesShown reports whether the changes overlay is on.
func (s *Scene) ChangesShown() bool { return s.style.Changes }

// FitAll fits every view to its widget.
func (s *Scene) FitAll() {
	for _, v := range s.views {
		v.Fit()
	}
}

// modifiers returns the keyboard modifiers held now, where the driver
// can tell.
func modifiers() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(interface{ CurrentKeyModifiers() fyne.KeyModifier }); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return 0
}
