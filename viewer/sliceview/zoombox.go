package sliceview

import (
	"math"

	"github.com/saros-review/saros-review/viewer"
)

// Zoom limits of ShowBox: a box (with its margin) takes at most a third
// of the view, the view never zooms out past fitting the slice nor in past
// MaxBoxZoom times that, and a box smaller than minBoxMM is treated as
// that big so a one-voxel speck keeps its surroundings in sight.
const (
	MaxBoxZoom = 8.0
	minBoxMM   = 12.0
)

// ShowBox centres the view on the box i0..i1, j0..j1 (array indices along
// the view's two in-plane axes as (i, j, k) positions; the normal index is
// ignored) and zooms so the box is clearly visible: about a third of the
// view, between fitting the whole slice and MaxBoxZoom times that. Home
// (Fit) returns to the whole slice.
func (s *SliceView) ShowBox(lo, hi [3]int) {
	u0, v0, _ := s.frame.ScreenUV(lo)
	u1, v1, _ := s.frame.ScreenUV(hi)
	if u0 > u1 {
		u0, u1 = u1, u0
	}
	if v0 > v1 {
		v0, v1 = v1, v0
	}
	sp := s.frame.Spacing
	s.fitted = false
	s.vp.Center = [2]float64{float64(u0+u1+1) / 2 * sp[0], float64(v0+v1+1) / 2 * sp[1]}
	if s.vp.W > 0 && s.vp.H > 0 {
		fit := viewer.Fit(s.frame, s.vp.W, s.vp.H).Zoom
		eu := math.Max(float64(u1-u0+3)*sp[0], minBoxMM)
		ev := math.Max(float64(v1-v0+3)*sp[1], minBoxMM)
		z := math.Min(float64(s.vp.W)/(3*eu), float64(s.vp.H)/(3*ev))
		s.vp.Zoom = math.Max(fit, math.Min(z, MaxBoxZoom*fit))
	}
	s.Refresh()
}

// Fitted reports whether the view shows the whole slice (after Fit or
// Home, until a pan, zoom or ShowBox).
func (s *SliceView) Fitted() bool { return s.fitted }
