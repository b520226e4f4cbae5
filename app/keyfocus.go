package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/mobile"
	"fyne.io/fyne/v2/widget"
)

// The window's key handlers see a key only while no widget has the focus,
// and a dropdown, slider, check or radio takes the focus when clicked: a
// single-key shortcut typed after choosing a label or a tool would go to
// that control and be lost. The controls below pass every key they do not
// use themselves on to the window's handlers (the key table); text fields
// keep theirs, so typing a comment never triggers a tool.

// forwardRune gives r to the key handler of o's window.
func forwardRune(o fyne.CanvasObject, r rune) {
	if cv := canvasOf(o); cv != nil && cv.OnTypedRune() != nil {
		cv.OnTypedRune()(r)
	}
}

// forwardKey gives ev to the key handler of o's window.
func forwardKey(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	if cv := canvasOf(o); cv != nil && cv.OnTypedKey() != nil {
		cv.OnTypedKey()(ev)
	}
}

func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	return a.Driver().CanvasForObject(o)
}

// releaseFocus takes the focus from a control that is not a text field,
// so the next key reaches the key table. Radio groups need it: their
// items, which take the focus, are not ours to extend.
func releaseFocus(o fyne.CanvasObject) {
	cv := canvasOf(o)
	if cv == nil {
		return
	}
	if f := cv.Focused(); f != nil {
		if _, typing := f.(mobile.Keyboardable); !typing {
			cv.Unfocus()
		}
	}
}

// keySelect is a dropdown that passes keys it does not use to the window.
type keySelect struct{ widget.Select }

func newKeySelect(opts []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options, s.OnChanged = opts, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedRune passes the character on: a dropdown uses none.
func (s *keySelect) TypedRune(r rune) { forwardRune(s, r) }

// TypedKey keeps Space and the arrows (open, choose) and passes the rest.
func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		s.Select.TypedKey(ev)
	default:
		forwardKey(s, ev)
	}
}

// keySlider is a slider that passes keys it does not use to the window.
type keySlider struct{ widget.Slider }

func newKeySlider(lo, hi float64) *keySlider {
	s := &keySlider{}
	s.Min, s.Max, s.Step = lo, hi, 1
	s.Orientation = widget.Horizontal
	s.ExtendBaseWidget(s)
	return s
}

// TypedRune passes the character on: a slider uses none.
func (s *keySlider) TypedRune(r rune) { forwardRune(s, r) }

// TypedKey keeps the arrows (move the value) and passes the rest.
func (s *keySlider) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		s.Slider.TypedKey(ev)
	default:
		forwardKey(s, ev)
	}
}

// keyCheck is a check box that passes keys it does not use to the window.
type keyCheck struct{ widget.Check }

func newKeyCheck(label string, changed func(bool)) *keyCheck {
	c := &keyCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedRune keeps Space (toggle) and passes the rest.
func (c *keyCheck) TypedRune(r rune) {
	if r == ' ' {
		c.Check.TypedRune(r)
		return
	}
	forwardRune(c, r)
}

// TypedKey passes every named key on.
func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) { forwardKey(c, ev) }

// keyButton is a button that passes keys it does not use to the window
// (a button takes the focus by Tab, not by a click).
type keyButton struct{ widget.Button }

func newKeyButton(label string, tapped func()) *keyButton {
	b := &keyButton{}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedRune passes the character on (Space presses the button in TypedKey).
func (b *keyButton) TypedRune(r rune) {
	if r != ' ' {
		forwardRune(b, r)
	}
}

// TypedKey keeps Space (press) and passes the rest.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace {
		b.Button.TypedKey(ev)
		return
	}
	forwardKey(b, ev)
}
