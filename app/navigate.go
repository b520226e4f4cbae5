package app

import (
	"time"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/viewer"
)

// wheelClock is the time a wheel notch arrives (tests replace it, so
// acceleration does not depend on how fast the machine runs them).
var wheelClock = time.Now

// wireWheel makes the views' wheel accelerate on quick notches and move
// five slices a notch with Shift or Alt held (annotate.Wheel).
func (s *CaseScreen) wireWheel() {
	w := &annotate.Wheel{}
	s.Scene.WheelStep = func(dy float64, fast bool) int { return w.Step(dy, wheelClock(), fast) }
}

// pageSlice moves the active view by a page: in the axial view to the
// next slice that holds annotation or lies on the annotation grid
// (annotate.JumpSlice, so a sparse case goes stride by stride); in the
// other views by annotate.DefaultStride slices. dir +1 is Page Up, the
// direction the wheel's forward notch goes.
func (s *CaseScreen) pageSlice(dir int) {
	v := s.Scene.Active()
	states := s.Scene.SliceStates()
	if v.View() != viewer.Axial || states == nil {
		v.Step(dir * annotate.DefaultStride)
		return
	}
	c := s.Scene.Cursor()
	// Step(+1) moves k up or down depending on the image's direction:
	// find which, and jump the same way.
	if d := s.Case.Layers.Image.Direction(v.Frame().Normal); d[2] < 0 {
		dir = -dir
	}
	c[2] = annotate.JumpSlice(states, annotate.InferSliceGrid(states), c[2], dir)
	s.Scene.SetCursor(c)
}
