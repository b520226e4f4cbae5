package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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
