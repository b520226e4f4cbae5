package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/saros-review/saros-review/viewer"
)

// TestKeyTableDrivesHelp: every line of the help overlay is a line of the
// key table, in order; every binding with keys has a handler and every
// handler has keys.
func TestKeyTableDrivesHelp(t *testing.T) {
	c := NewController(test.NewTempApp(t), "test")
	c.ShowHelp()
	top := c.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no help overlay")
	}
	var texts []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	n := 0
	for i := 0; i+1 < len(texts) && n < len(bindings); i++ {
		if texts[i] == bindings[n].keys && texts[i+1] == bindings[n].does {
			n++
			i++
		}
	}
	if n != len(bindings) {
		t.Errorf("the overlay shows %d of the %d bindings in order", n, len(bindings))
	}
	for _, b := range bindings {
		keyed := len(b.runes)+len(b.names)+len(b.shortcuts) > 0
		if keyed != (b.act != nil) {
			t.Errorf("%q: keys %v, handler %v", b.keys, keyed, b.act != nil)
		}
	}
}

// TestEscapeClosesHelpNotTheCase: with the help overlay open, Escape
// closes it and the case stays open; no key reaches the screen behind.
func TestEscapeClosesHelpNotTheCase(t *testing.T) {
	c, s, _ := openEditable(t)
	c.TypedRune('?')
	if c.Window.Canvas().Overlays().Top() == nil {
		t.Fatal("? shows no help")
	}
	k := s.Views[viewer.Axial].Slice()
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	if s.Views[viewer.Axial].Slice() != k {
		t.Error("a key reached the case behind the help")
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Window.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the help open")
	}
	if c.Screen != s {
		t.Error("Escape on the help left the case")
	}
}
