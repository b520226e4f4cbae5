package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestLongMessageKeepsWidth: a 500-character message, a long save error
// and a long status line leave the window's minimum width as it was (the
// text is cut with an ellipsis), and a click on the message line shows
// the full text.
func TestLongMessageKeepsWidth(t *testing.T) {
	c, shown := controller(t)
	c.Start("")
	s := wait(t, shown)
	minW := func() float32 { return c.Window.Content().MinSize().Width }
	before := minW()
	long := "could not save /data/" + strings.Repeat("a-very-long-folder-name/", 20) + "labels.nii.gz: " + strings.Repeat("x", 500)
	c.say(long[:500])
	if got := minW(); got != before {
		t.Errorf("a 500-character message changed the minimum width from %.0f to %.0f", before, got)
	}
	c.showError(errorString(long))
	s.status.SetText(long)
	if got := minW(); got != before {
		t.Errorf("a long error and status line changed the minimum width from %.0f to %.0f", before, got)
	}
	if s.message.Text != long {
		t.Errorf("message line holds %.40q, want the full text", s.message.Text)
	}

	// A click shows the message line's texts in full, newest last.
	for _, o := range c.Window.Canvas().Overlays().List() {
		c.Window.Canvas().Overlays().Remove(o) // the error dialog
	}
	test.Tap(s.message)
	top := c.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no popup after a click on the message line")
	}
	var texts []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	if len(texts) < 2 || texts[len(texts)-1] != long || texts[len(texts)-2] != long[:500] {
		t.Errorf("popup texts %.80q", texts)
	}
	if w := top.Size().Width; w > c.Window.Canvas().Size().Width {
		t.Errorf("popup %.0f wide in a %.0f window", w, c.Window.Canvas().Size().Width)
	}

	// The message line of the other screens (the shell's) cuts too, and
	// the welcome screen cuts a long path.
	c.Screen = nil
	c.setContent(c.welcome("x"))
	before = minW()
	c.setContent(c.welcome("Could not open " + long))
	if got := minW(); got != before {
		t.Errorf("a long path on the welcome screen widened the window from %.0f to %.0f", before, got)
	}
	before = minW()
	c.say(long)
	if got := minW(); got != before {
		t.Errorf("the shell's message line widened the window from %.0f to %.0f", before, got)
	}
}

// errorString is an error with a given text.
type errorString string

func (e errorString) Error() string { return string(e) }
