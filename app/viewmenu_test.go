package app

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
)

// viewItem returns the View menu item whose label starts with prefix.
func viewItem(t *testing.T, c *Controller, prefix string) *fyne.MenuItem {
	t.Helper()
	for _, m := range c.Window.MainMenu().Items {
		if m.Label != "View" {
			continue
		}
		for _, it := range m.Items {
			if strings.HasPrefix(it.Label, prefix) {
				return it
			}
		}
	}
	t.Fatalf("no View menu item %q", prefix)
	return nil
}

// TestHatchingAndRowsOnlyFromTheViewMenu: the View menu turns hatching
// off (a not-annotated slice then shows the plain CT) and the coronal
// view to annotated rows only; both are checked in the menu and kept for
// the next case.
func TestHatchingAndRowsOnlyFromTheViewMenu(t *testing.T) {
	c, shown := controller(t)
	c.Start("")
	s := wait(t, shown)
	ax, co := s.Views[viewer.Axial], s.Views[viewer.Coronal]
	cur := s.Scene.Cursor()
	cur[2]++ // between annotated slices
	s.Scene.SetCursor(cur)
	if s.Scene.SliceStates()[cur[2]] != volume.Ignored {
		t.Fatal("the demo case changed: the slice above an annotated one is annotated")
	}
	hatched := ax.Capture(200, 200).Pix
	coAll := co.Capture(200, 200).Pix

	off := viewItem(t, c, hatchMenuName+"off")
	off.Action()
	if s.Scene.Style().Hatch != 0 || !off.Checked || viewItem(t, c, hatchMenuName+"full").Checked {
		t.Fatalf("hatch %g, off checked %v", s.Scene.Style().Hatch, off.Checked)
	}
	plain := ax.Capture(200, 200).Pix
	if bytes.Equal(plain, hatched) {
		t.Error("hatching off did not change the not-annotated slice")
	}
	s.Scene.UpdateStyle(func(st *viewer.Style) { st.Hatch = 1 })
	if !bytes.Equal(ax.Capture(200, 200).Pix, hatched) {
		t.Fatal("capture is not repeatable")
	}
	s.Scene.UpdateStyle(func(st *viewer.Style) { st.Hatch = 0 })

	rows := viewItem(t, c, "Annotated rows only")
	rows.Action()
	if !s.Scene.Style().AnnotatedRowsOnly || !rows.Checked {
		t.Fatal("annotated rows only not on")
	}
	if bytes.Equal(co.Capture(200, 200).Pix, coAll) {
		t.Error("annotated rows only did not change the coronal view")
	}
	if err := c.SetHatch(1.5); err == nil {
		t.Error("a hatching strength above 1 was taken")
	}

	c.Start("")
	s2 := wait(t, shown)
	if st := s2.Scene.Style(); st.Hatch != 0 || !st.AnnotatedRowsOnly {
		t.Errorf("not kept: hatch %g, rows only %v", st.Hatch, st.AnnotatedRowsOnly)
	}
	co2 := s2.Views[viewer.Coronal]
	rowsOnly := co2.Capture(200, 200).Pix
	s2.Scene.UpdateStyle(func(st *viewer.Style) { st.AnnotatedRowsOnly = false })
	if bytes.Equal(co2.Capture(200, 200).Pix, rowsOnly) {
		t.Error("the reopened case's coronal view shows every row")
	}
	if !viewItem(t, c, hatchMenuName+"off").Checked {
		t.Error("the menu does not show the kept hatching")
	}
}
