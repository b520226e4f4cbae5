package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/viewer"
)

// TestStableBarAndWideForms: a stroke enables Undo without widening the
// edit bar (the button does not take the step's name); the dialogs that
// ask for a reason are FormWidth wide with a multi-line entry.
func TestStableBarAndWideForms(t *testing.T) {
	c, s, _ := openEditable(t)
	bar := s.EditBar.Content().MinSize()
	ax := s.Views[viewer.Axial]
	c.TypedRune('b')
	k := ax.Slice()
	drag(ax, ax.PositionOf([3]int{120, 128, k}), ax.PositionOf([3]int{140, 128, k}), 4)
	if s.EditBar.undo.Disabled() {
		t.Fatal("Undo not enabled after a stroke")
	}
	if got := s.EditBar.Content().MinSize(); got.Width != bar.Width {
		t.Errorf("the edit bar grew from %g to %g wide after a stroke", bar.Width, got.Width)
	}

	// A short question, and an override's long one (which as a form label
	// squeezed the box to a character's width).
	for _, q := range []string{"Reasons:", "Cannot move to approved: 4 QC errors, 21 of 21 annotated slices not accepted. Reason for going on anyway:"} {
		c.dialogs.askText("Override", q, func(string) {})
		top := c.Window.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no dialog")
		}
		var entry *widget.Entry
		for _, o := range test.LaidOutObjects(top) {
			if e, ok := o.(*widget.Entry); ok {
				entry = e
			}
		}
		if entry == nil || !entry.MultiLine || entry.Size().Width < FormWidth/2 {
			t.Fatalf("%q: reason entry %+v", q, entry)
		}
		if w := dialogWidth(top); w < FormWidth {
			t.Errorf("%q: dialog %g wide, want at least %d", q, w, FormWidth)
		}
	}
}

// dialogWidth is the width of the widest object of a dialog's overlay
// that is smaller than the window (the dialog, not its backdrop).
func dialogWidth(top fyne.CanvasObject) float32 {
	var w float32
	for _, o := range test.LaidOutObjects(top) {
		if o.Size().Width < top.Size().Width-1 && o.Size().Width > w {
			w = o.Size().Width
		}
	}
	return w
}

// TestWideFormFocusesItsTextField: what is typed after a note dialog opens
// lands in its text field (a fresh-eyes tester's group note was lost).
func TestWideFormFocusesItsTextField(t *testing.T) {
	c, _, _ := openEditable(t)
	var got string
	c.dialogs.askText("Return the case", "Reasons:", func(s string) { got = s })
	f := c.Window.Canvas().Focused()
	e, ok := f.(*widget.Entry)
	if !ok {
		t.Fatalf("focused %T, want the dialog's entry", f)
	}
	test.Type(e, "wrong side")
	if e.Text != "wrong side" {
		t.Fatalf("entry holds %q", e.Text)
	}
	_ = got
}
