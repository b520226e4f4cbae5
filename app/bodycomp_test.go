package app

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/viewer"
)

// TestBodyCompositionPanel: the tab measures the case when opened, the
// table shows the chosen scope, a tap on the plot moves the cursor to
// that slice, an edit marks the figures stale, and export writes them.
func TestBodyCompositionPanel(t *testing.T) {
	c, shown := controller(t)
	c.Start("")
	s := wait(t, shown)
	bc := s.BodyComp
	if bc == nil || bc.Report != nil {
		t.Fatal("no body composition panel, or it measured before it was shown")
	}
	var tab *container.TabItem
	for _, it := range s.tabs.Items {
		if it.Text == "Body composition" {
			tab = it
		}
	}
	s.tabs.Select(tab)
	if bc.Report != nil || !strings.Contains(bc.note.Text, "Measuring") {
		t.Fatalf("measured on the UI thread: note %q", bc.note.Text)
	}
	settle(t, c)
	r := bc.Report
	if r == nil || r.AnnotatedSlices != 20 || r.Tissues["muscle"].ML <= 0 {
		t.Fatalf("report %+v", r)
	}
	want := fmt.Sprintf("%.1f", r.Tissues["sat"].ML)
	if !tableHas(bc.table, shortNames[bodycomp.SAT], want) {
		t.Errorf("table lacks SAT %s mL", want)
	}
	bc.scope.SetSelected(currentSlice)
	k := s.Scene.Cursor()[2]
	if !strings.Contains(bc.note.Text, fmt.Sprintf("Slice %d", k)) {
		t.Errorf("current slice note %q", bc.note.Text)
	}

	// A tap on the plot at a slice's x moves the cursor there.
	target := r.Slices[3].K
	fx := (bc.geom.x0 + (float64(target)+1.4-bc.geom.kMin)/(bc.geom.kMax-bc.geom.kMin)*(bc.geom.x1-bc.geom.x0)) / plotW // a little off: snaps back
	bc.plot.Resize(fyne.NewSize(plotW, plotH))
	test.TapAt(bc.plot, fyne.NewPos(float32(fx*plotW), 100))
	if got := s.Scene.Cursor()[2]; got != target {
		t.Errorf("tap moved to slice %d, want %d", got, target)
	}
	if d := float64(bc.plot.fx - bc.fraction(target)); d > 1e-3 || d < -1e-3 || bc.plot.marker.Hidden {
		t.Errorf("marker at %.3f of the width, want %.3f", bc.plot.fx, bc.fraction(target))
	}
	if s.Views[viewer.Axial].Slice() != target || bc.k != target {
		t.Errorf("axial view on %d, marker on %d", s.Views[viewer.Axial].Slice(), bc.k)
	}

	// An edit makes the figures stale until measured again.
	s.Editor.OnChange()
	if !bc.stale || !strings.Contains(bc.note.Text, "Measure again") {
		t.Errorf("after an edit: stale %v, note %q", bc.stale, bc.note.Text)
	}
	bc.Refresh(target)
	settle(t, c)
	if bc.stale || strings.Contains(bc.note.Text, "Measure again") {
		t.Error("still stale after measuring")
	}

	var out bytes.Buffer
	bc.OnExport = func(name string, write func(io.Writer) error) {
		if name != "demo-body-composition.csv" {
			t.Errorf("export name %q", name)
		}
		write(&out)
	}
	for _, o := range test.LaidOutObjects(bc.content) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Export CSV…" {
			test.Tap(b)
		}
	}
	if !strings.HasPrefix(out.String(), "scope,slices,torso_only,muscle_ml") {
		t.Errorf("export: %.80q", out.String())
	}
}

// tableHas reports whether a row of the grid holds name and value.
func tableHas(g *fyne.Container, name, value string) bool {
	for i := 0; i+1 < len(g.Objects); i++ {
		if l, ok := g.Objects[i].(*widget.Label); ok && l.Text == name {
			return g.Objects[i+1].(*widget.Label).Text == value
		}
	}
	return false
}

// TestTissueOverlaySwitch: the Labels tab's switch turns the tissue
// colours on for every view and is remembered for the next case.
func TestTissueOverlaySwitch(t *testing.T) {
	c, shown := controller(t)
	c.Start("")
	s := wait(t, shown)
	test.Tap(s.Panel.tissues)
	if !s.Scene.Style().Tissues {
		t.Fatal("tissue colours not on")
	}
	if !loadStyle(fyne.CurrentApp().Preferences()).Tissues {
		t.Error("tissue colours not remembered")
	}
}
