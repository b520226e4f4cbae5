package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"github.com/saros-review/saros-review/viewer"
)

// Preference keys of the hatching settings (with the other view settings
// in prefs.go, kept across cases and runs).
const (
	prefHatch     = "view.hatch"
	prefRowsOnly  = "view.annotated_rows_only"
	hatchMenuName = "Hatching of not-annotated slices: "
)

// HatchLevels are the hatching strengths the View menu offers, from off
// (the plain CT) to full (dimmed, with stripes).
var HatchLevels = []struct {
	Name  string
	Level float64
}{{"off", 0}, {"light", 0.35}, {"medium", 0.65}, {"full", 1}}

// styleMenuItems are the View menu's hatching and annotated-rows items;
// refreshStyleMenu keeps their check marks.
func (c *Controller) styleMenuItems(menu *fyne.Menu) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, h := range HatchLevels {
		it := fyne.NewMenuItem(hatchMenuName+h.Name, func() { c.SetHatch(h.Level) })
		items = append(items, it)
	}
	rows := fyne.NewMenuItem("Annotated rows only (coronal, sagittal)", func() {
		_, on := c.viewStyle()
		c.SetAnnotatedRowsOnly(!on)
	})
	items = append(items, rows)
	c.shell.refreshStyle = func() {
		hatch, on := c.viewStyle()
		for i, h := range HatchLevels {
			items[i].Checked = hatch == h.Level
		}
		rows.Checked = on
		menu.Refresh()
	}
	c.shell.refreshStyle()
	return items
}

// viewStyle is the hatching and rows-only setting on screen, or saved.
func (c *Controller) viewStyle() (hatch float64, rowsOnly bool) {
	if c.Screen != nil {
		st := c.Screen.Scene.Style()
		return st.Hatch, st.AnnotatedRowsOnly
	}
	p := c.App.Preferences()
	return p.FloatWithFallback(prefHatch, 1), p.Bool(prefRowsOnly)
}

// SetHatch sets the strength of the hatching of not-annotated voxels (0
// off … 1 full) and keeps it.
func (c *Controller) SetHatch(h float64) error {
	if h < 0 || h > 1 {
		return fmt.Errorf("hatching strength %g: want 0 (off) to 1 (full)", h)
	}
	c.App.Preferences().SetFloat(prefHatch, h)
	if s := c.Screen; s != nil {
		s.Scene.UpdateStyle(func(st *viewer.Style) { st.Hatch = h })
	}
	c.refreshStyleMenu()
	return nil
}

// SetAnnotatedRowsOnly switches the coronal and sagittal views between
// every axial row and only the annotated ones (each other row shows the
// nearest annotated slice), and keeps the choice.
func (c *Controller) SetAnnotatedRowsOnly(on bool) {
	c.App.Preferences().SetBool(prefRowsOnly, on)
	if s := c.Screen; s != nil {
		s.Scene.UpdateStyle(func(st *viewer.Style) { st.AnnotatedRowsOnly = on })
	}
	c.refreshStyleMenu()
}

func (c *Controller) refreshStyleMenu() {
	if c.shell.refreshStyle != nil {
		c.shell.refreshStyle()
	}
}
