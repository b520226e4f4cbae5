package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/viewer"
)

// tappables lists the tappable objects laid out under o, in order.
func tappables(o fyne.CanvasObject) []fyne.Tappable {
	var ts []fyne.Tappable
	for _, x := range test.LaidOutObjects(o) {
		if t, ok := x.(fyne.Tappable); ok && x != o {
			ts = append(ts, t)
		}
	}
	return ts
}

// typeAsDriver types chars as the desktop driver does: into the focused
// widget when there is one, else to the window's handler. (The test
// package's TypeOnCanvas always goes to the window's handler, which would
// hide the problem tested here.)
func typeAsDriver(cv fyne.Canvas, chars string) {
	for _, r := range chars {
		if f := cv.Focused(); f != nil {
			f.TypedRune(r)
		} else {
			cv.OnTypedRune()(r)
		}
	}
}

// choose opens a dropdown with a click and clicks its n-th entry in the
// pop-up menu, as a user does.
func choose(t *testing.T, c *Controller, s *keySelect, n int) {
	t.Helper()
	test.Tap(s)
	top := c.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the dropdown opened no menu")
	}
	var items []fyne.Tappable
	for _, x := range tappables(top) {
		if fmt.Sprintf("%T", x) == "*widget.menuItem" {
			items = append(items, x)
		}
	}
	if n >= len(items) {
		t.Fatalf("menu has %d entries", len(items))
	}
	test.Tap(items[n])
}

// TestShortcutsWhateverHasFocus: after choosing from the label and
// threshold dropdowns, clicking a tool radio, the radius slider or a
// focused button, single-key shortcuts reach the key table; typed into a
// text field they stay text. M acts on the view under the pointer.
func TestShortcutsWhateverHasFocus(t *testing.T) {
	c, s, _ := openEditable(t)
	cv := c.Window.Canvas()
	b, ed := s.EditBar, s.Editor
	ed.SetTool(ToolNavigate)

	choose(t, c, b.label, 2)
	if cv.Focused() != b.label {
		t.Fatalf("the label dropdown does not hold the focus (%T): the test would prove nothing", cv.Focused())
	}
	typeAsDriver(cv, "b")
	if ed.Tool() != ToolBrush {
		t.Errorf("b after the label dropdown: tool %v", ed.Tool())
	}
	r := ed.RadiusMM
	typeAsDriver(cv, "-")
	if ed.RadiusMM != r-1 {
		t.Errorf("- after the label dropdown: radius %g, was %g", ed.RadiusMM, r)
	}

	choose(t, c, b.thresh, 1)
	if ed.Threshold != 1 || cv.Focused() != b.thresh {
		t.Fatalf("threshold %d, focus %T", ed.Threshold, cv.Focused())
	}
	typeAsDriver(cv, "r")
	if ed.Tool() != ToolRelabel {
		t.Errorf("r after the threshold dropdown: tool %v", ed.Tool())
	}

	radios := tappables(b.tools)
	test.Tap(radios[3]) // fill
	if ed.Tool() != ToolFill {
		t.Fatalf("the radio click chose %v", ed.Tool())
	}
	typeAsDriver(cv, "e")
	if ed.Tool() != ToolEraser {
		t.Errorf("e after the tool radio: tool %v", ed.Tool())
	}

	test.Tap(b.radius)
	if cv.Focused() != b.radius {
		t.Fatalf("slider not focused: %T", cv.Focused())
	}
	typeAsDriver(cv, "g")
	if ed.Tool() != ToolFill {
		t.Errorf("g after the slider: tool %v", ed.Tool())
	}

	b.undo.Enable()  // as after an edit
	cv.Focus(b.undo) // a button takes the focus by Tab
	if cv.Focused() != b.undo {
		t.Fatalf("Undo not focused: %T", cv.Focused())
	}
	k := s.Scene.Cursor()[2]
	cv.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	typeAsDriver(cv, "p")
	if ed.Tool() != ToolPolygon || s.Scene.Cursor()[2] == k {
		t.Errorf("p and Page Up after focusing Undo: tool %v, slice %d → %d", ed.Tool(), k, s.Scene.Cursor()[2])
	}

	// A text field keeps its characters.
	for i, p := range ThresholdPresets {
		if p.Name == "custom" {
			ed.Threshold = i
		}
	}
	b.Sync()
	cv.Focus(b.lo)
	if cv.Focused() != b.lo {
		t.Fatalf("entry not focused: %T, disabled %v", cv.Focused(), b.lo.Disabled())
	}
	typeAsDriver(cv, "b")
	if ed.Tool() != ToolPolygon {
		t.Errorf("b typed into a text field chose tool %v", ed.Tool())
	}
	cv.Unfocus()

	// M makes the view under the pointer the main view, without a click.
	_, main := s.Layout()
	other := viewer.Coronal
	if main == other {
		other = viewer.Sagittal
	}
	v := s.Views[other]
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(v).Add(fyne.NewPos(v.Size().Width/2, v.Size().Height/2))
	test.MoveMouse(cv, at)
	typeAsDriver(cv, "m")
	if _, m := s.Layout(); m != other {
		t.Errorf("M under the pointer over view %v made %v main", other, m)
	}
}
