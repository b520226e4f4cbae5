package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestAboutShowsVersion chooses Help › About and reads the dialog: it must
// name the version the program was started with (main passes
// FyneApp.toml's), and Close must dismiss it.
func TestAboutShowsVersion(t *testing.T) {
	a := test.NewTempApp(t)
	c := NewController(a, "9.8.7")
	var about *fyne.MenuItem
	for _, m := range c.Window.MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == "Help" && strings.HasPrefix(it.Label, "About") {
				about = it
			}
		}
	}
	if about == nil {
		t.Fatal("no About item in the Help menu")
	}
	about.Action()
	top := c.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("About opened no dialog")
	}
	var texts []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "SAROS Review 9.8.7") || !strings.Contains(all, "go1.") {
		t.Errorf("About shows %q, want the name, version 9.8.7 and the Go version", all)
	}
	tapButton(t, c, "Close")
	if c.Window.Canvas().Overlays().Top() != nil {
		t.Error("Close left the About dialog open")
	}
}
