package annotate

import (
	"time"

	"github.com/saros-review/saros-review/volume"
)

// DefaultStride is the SAROS annotation stride: the step of a slice jump
// when a map's grid gives none (no annotation, or every slice annotated).
const DefaultStride = 5

// JumpSlice returns the axial slice a jump from slice k in direction dir
// (+1 up, −1 down) lands on, for Page Up/Down: the nearest slice beyond k
// that holds annotation (annotated or partly) or lies on the annotation
// grid g (so a grid slice not yet annotated is not skipped). On a dense or
// unannotated map it steps DefaultStride slices. It returns k when there
// is nowhere to go.
func JumpSlice(states []volume.SliceState, g SliceGrid, k, dir int) int {
	n := len(states)
	if n == 0 || dir == 0 {
		return k
	}
	if dir > 0 {
		dir = 1
	} else {
		dir = -1
	}
	if g.Stride != 1 {
		for t := k + dir; t >= 0 && t < n; t += dir {
			if states[t] != volume.Ignored || g.Stride > 1 && g.On(t) {
				return t
			}
		}
		if g.Stride > 1 {
			return k
		}
	}
	return clamp(k+dir*DefaultStride, 0, n-1)
}

// Wheel turns mouse-wheel events into slice steps. Each event is one
// notch in its direction (as the slice views have always counted them);
// with the modifier held a notch moves Fast slices; and notches that come
// quickly one after another in the same direction speed up: after
// AccelAfter of them, each moves twice as far, then four, then eight
// times (at most MaxAccel), so a 600-slice case spins end to end in under a
// hundred notches while a slow turn still moves one slice a notch.
type Wheel struct {
	// Fast is the step of a notch with the modifier held (0: 5).
	Fast int
	// Quick is the longest pause between notches that keeps speeding up
	// (0: 80 ms); AccelAfter the notches before it starts (0: 4);
	// MaxAccel the largest factor (0: 8).
	Quick      time.Duration
	AccelAfter int
	MaxAccel   int

	last time.Time
	dir  int
	run  int
}

// Step returns the slices to move for a wheel event of vertical delta dy
// (its sign gives the direction; 0 moves nothing) at time at, with the
// fast modifier held or not.
func (w *Wheel) Step(dy float64, at time.Time, fast bool) int {
	if dy == 0 {
		return 0
	}
	dir := 1
	if dy < 0 {
		dir = -1
	}
	quick := w.Quick
	if quick <= 0 {
		quick = 80 * time.Millisecond
	}
	if dir == w.dir && !w.last.IsZero() && at.Sub(w.last) >= 0 && at.Sub(w.last) <= quick {
		w.run++
	} else {
		w.run = 1
	}
	w.dir, w.last = dir, at
	step := 1
	if fast {
		step = w.Fast
		if step <= 0 {
			step = 5
		}
	}
	return dir * step * w.accel()
}

// accel is the speed-up of the current run of quick notches: 1 for the
// first AccelAfter, then doubling every AccelAfter notches up to MaxAccel.
func (w *Wheel) accel() int {
	after, most := w.AccelAfter, w.MaxAccel
	if after <= 0 {
		after = 4
	}
	if most <= 0 {
		most = 8
	}
	a := 1
	for n := w.run; n > after && a < most; n -= after {
		a *= 2
	}
	return min(a, most)
}

// Reset forgets the current run (the pointer left the view, say).
func (w *Wheel) Reset() { w.last, w.dir, w.run = time.Time{}, 0, 0 }
