package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
)

// TestWheelAndPageNavigation: quick wheel notches speed up (4 notches one
// slice each, then two each), slow ones move one slice, Shift moves five;
// Page Up/Down go from annotated slice to annotated slice, and from a
// slice between them to the next one.
func TestWheelAndPageNavigation(t *testing.T) {
	c, shown := controller(t)
	c.Start("")
	s := wait(t, shown)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	gap := 10 * time.Millisecond
	old := wheelClock
	wheelClock = func() time.Time { now = now.Add(gap); return now }
	t.Cleanup(func() { wheelClock = old })

	ax := s.Views[viewer.Axial]
	mods := fyne.KeyModifier(0)
	ax.Modifiers = func() fyne.KeyModifier { return mods }
	notch := func(n int) int {
		k := s.Scene.Cursor()[2]
		for range n {
			ax.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -1)})
		}
		d := s.Scene.Cursor()[2] - k
		return max(d, -d)
	}
	if d := notch(8); d != 4+2*4 {
		t.Errorf("8 quick notches moved %d slices, want 12", d)
	}
	gap = time.Second
	if d := notch(3); d != 3 {
		t.Errorf("3 slow notches moved %d slices", d)
	}
	mods = fyne.KeyModifierShift
	if d := notch(1); d != 5 {
		t.Errorf("a Shift notch moved %d slices", d)
	}

	states := s.Scene.SliceStates()
	s.Scene.SetActive(ax)
	sc := s.Scene.Cursor()
	sc[2] = s.Scene.AnnotatedSlices()[1]
	s.Scene.SetCursor(sc)
	k := sc[2]
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	k2 := s.Scene.Cursor()[2]
	if d := k2 - k; (d != 5 && d != -5) || states[k2] != volume.Annotated {
		t.Errorf("Page Down, Up, Up from annotated slice %d went to %d (%v)", k, k2, states[k2])
	}
	mods = 0
	notch(1) // one slice off the grid
	off := s.Scene.Cursor()[2]
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	k3 := s.Scene.Cursor()[2]
	if states[k3] != volume.Annotated || k3 == off || (k3-off)*(k3-off) >= 25 {
		t.Errorf("Page Up from slice %d between annotated ones went to %d (%v)", off, k3, states[k3])
	}
	cor := s.Views[viewer.Coronal]
	s.Scene.SetActive(cor)
	j := s.Scene.Cursor()[1]
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if d := s.Scene.Cursor()[1] - j; d != 5 && d != -5 {
		t.Errorf("Page Down in the coronal view moved %d", d)
	}
}
