package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/viewer"
)

// TestBodyCompStrayStroke: a stroke on a not-annotated slice (the slice
// becomes partly labelled) leaves the whole-scan estimate in the panel as
// it was, and the panel says the estimate is doubtful and why.
func TestBodyCompStrayStroke(t *testing.T) {
	test.NewTempApp(t)
	ph, err := assets.NewPhantom(assets.DemoConfig)
	if err != nil {
		t.Fatal(err)
	}
	bc := NewBodyCompPanel("demo", &viewer.Layers{Image: ph.Image, Regions: ph.Regions, Parts: ph.Parts})
	bc.Refresh(0)
	before := bc.Report.EstimateML["muscle"]
	if bc.Report.Stride != 5 || strings.Contains(bc.note.Text, "doubtful") {
		t.Fatalf("clean demo: stride %d, note %q", bc.Report.Stride, bc.note.Text)
	}
	k := bc.Report.Slices[10].K + 1 // not annotated
	for i := 100; i < 140; i++ {
		ph.Regions.Set(i, 128, k, labels.RegionMuscle)
	}
	bc.MarkStale()
	bc.Refresh(k)
	r := bc.Report
	if r.Stride != 5 || r.EstimateML["muscle"] != before {
		t.Errorf("after the stray stroke: stride %d, estimate %.1f mL, was %.1f", r.Stride, r.EstimateML["muscle"], before)
	}
	if want := fmt.Sprintf("partially labelled slices %d", k); !strings.Contains(bc.note.Text, "Estimate doubtful") || !strings.Contains(bc.note.Text, want) {
		t.Errorf("note %q does not say %q", bc.note.Text, want)
	}
	if got := estimateCell(bc.table, shortNames[0]); got != fmt.Sprintf("%.1f", before) {
		t.Errorf("muscle estimate shown %q, want %.1f", got, before)
	}
}

// estimateCell is the estimate column of a tissue's row in the table.
func estimateCell(g *fyne.Container, name string) string {
	for i := 0; i+3 < len(g.Objects); i++ {
		if l, ok := g.Objects[i].(*widget.Label); ok && l.Text == name {
			return g.Objects[i+3].(*widget.Label).Text
		}
	}
	return ""
}
