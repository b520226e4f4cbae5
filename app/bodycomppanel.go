package app

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
)

// plotW and plotH are the plot's size in pixels.
const plotW, plotH = 380, 230

// currentSlice is the scope of the slice under the cursor.
const currentSlice = "current slice"

// BodyCompPanel shows a case's body composition: a table of tissue
// volumes for a chosen scope and a plot of each tissue's area along the
// body axis, the current slice marked; clicking the plot jumps there.
type BodyCompPanel struct {
	layers *viewer.Layers
	caseID string
	Report *bodycomp.Report
	stale  bool
	bodyCompControls
	plotState
	// OnJump moves the cursor to an axial slice.
	OnJump func(k int)
	// OnExport asks where to write an export and writes it.
	OnExport func(name string, write func(io.Writer) error)
	// OnMeasure, when set, measures in the background and hands the
	// report to done on the UI thread; without it Refresh measures in
	// place.
	OnMeasure func(done func(*bodycomp.Report, error))
	measuring bool

	// estimate is the whole-scan estimate of the chosen scope (nil when
	// the stride is unknown).
	estimate map[string]float64
	// l3 is the L3 section (l3panel.go).
	l3 *l3Section
}

// bodyCompControls are the panel's widgets: the scope chooser, the note
// line, the table and the plot.
type bodyCompControls struct {
	scope   *widget.Select
	note    *widget.Label
	table   *fyne.Container
	plot    *plotImage
	content fyne.CanvasObject
}

// plotState is the current slice marked on the plot and the plot's
// geometry as last rendered.
type plotState struct {
	k    int
	geom plotGeom
}

// plotGeom is the plot geometry of the last render: the data area in
// pixels and the slice range it shows.
type plotGeom struct {
	x0, x1     float64
	kMin, kMax float64
}

// NewBodyCompPanel builds the panel; it measures on first Refresh.
func NewBodyCompPanel(caseID string, layers *viewer.Layers) *BodyCompPanel {
	p := &BodyCompPanel{layers: layers, caseID: caseID, stale: true,
		bodyCompControls: bodyCompControls{note: widget.NewLabel(""), table: container.NewGridWithColumns(4)}}
	p.note.Wrapping = fyne.TextWrapWord
	scopes := []string{currentSlice}
	for _, torso := range []string{"", " (torso only)"} {
		for _, n := range []string{"whole scan", "abdominal cavity slices", "thoracic cavity slices"} {
			scopes = append(scopes, n+torso)
		}
	}
	p.scope = widget.NewSelect(scopes, func(string) { p.fill() })
	p.scope.SetSelected("whole scan")
	p.plot = newPlotImage(func(fx float32) {
		if k, ok := p.sliceAt(float64(fx)); ok && p.OnJump != nil {
			p.OnJump(k)
		}
	})
	refresh := widget.NewButton("Measure again", func() { p.stale = true; p.Refresh(p.k) })
	exp := func(format string) func() {
		return func() {
			if p.Report == nil || p.OnExport == nil {
				return
			}
			r := p.Report
			if format == "csv" {
				p.OnExport(p.caseID+"-body-composition.csv", func(w io.Writer) error { return p.l3.writeCSV(w, r) })
			} else {
				p.OnExport(p.caseID+"-body-composition.json", func(w io.Writer) error { return p.l3.writeJSON(w, p.caseID, r) })
			}
		}
	}
	buttons := container.NewHBox(refresh, widget.NewButton("Export CSV…", exp("csv")), widget.NewButton("Export JSON…", exp("json")))
	p.l3 = newL3Section(p)
	// The plot and its legend come first, so they show without
	// scrolling in the default window; the table follows.
	p.content = container.NewVScroll(container.NewVBox(p.scope, p.note, p.plot, plotLegend(), p.table, buttons, p.l3.content))
	return p
}

// Content is the panel's canvas object.
func (p *BodyCompPanel) Content() fyne.CanvasObject { return p.content }

// MarkStale says the labels changed; the next Refresh measures again.
func (p *BodyCompPanel) MarkStale() {
	p.stale = true
	if p.Report != nil {
		p.note.SetText("The labels changed: press Measure again.")
	}
}

// Refresh measures when needed and shows slice k as the current slice.
func (p *BodyCompPanel) Refresh(k int) {
	p.k = k
	if p.stale && p.OnMeasure != nil {
		if !p.measuring {
			p.measuring, p.stale = true, false
			p.note.SetText("Measuring…")
			p.OnMeasure(p.measured)
		}
	} else if p.stale {
		sl, err := bodycomp.Measure(p.layers.Image, p.layers.Regions, p.layers.Parts)
		if err != nil {
			p.note.SetText(err.Error())
			return
		}
		p.stale = false
		p.measured(bodycomp.NewReport(p.layers.Image.Grid, sl), nil)
	} else if p.scope.Selected == currentSlice {
		p.fill()
	}
	p.plot.mark(p.fraction(k))
}

// measured shows a measurement's report (or why there is none); when the
// labels changed while it ran, the note says so.
func (p *BodyCompPanel) measured(r *bodycomp.Report, err error) {
	p.measuring = false
	if err != nil {
		p.stale = true
		p.note.SetText(err.Error())
		return
	}
	p.Report = r
	p.l3.measured(r.Measured)
	p.render()
	p.fill()
	p.plot.mark(p.fraction(p.k))
	if p.stale {
		p.note.SetText("The labels changed: press Measure again.")
	}
}

// fraction is slice k's x on the plot as a fraction of its width.
func (p *BodyCompPanel) fraction(k int) float32 {
	if p.geom.kMax <= p.geom.kMin {
		return -1
	}
	return float32((p.geom.x0 + (float64(k)-p.geom.kMin)/(p.geom.kMax-p.geom.kMin)*(p.geom.x1-p.geom.x0)) / plotW)
}

// scopeTissues returns the figures of the chosen scope and a caption.
func (p *BodyCompPanel) scopeTissues() (bodycomp.Tissues, string, bool) {
	r := p.Report
	if p.scope.Selected == currentSlice {
		for _, s := range r.Slices {
			if s.K == p.k {
				return s.Tissues, fmt.Sprintf("Slice %d (annotated).", p.k), true
			}
		}
		return nil, fmt.Sprintf("Slice %d is not annotated: no figures.", p.k), true
	}
	for _, a := range r.Aggregates {
		name := a.Name
		if a.TorsoOnly {
			name += " (torso only)"
		}
		if name == p.scope.Selected {
			caption := fmt.Sprintf("Over %d annotated slices; estimate = %d grid slices × %d.", a.Slices, a.GridSlices, r.Stride)
			if r.Stride == 0 {
				caption = fmt.Sprintf("Over %d annotated slices; no whole-scan estimate.", a.Slices)
			}
			if len(r.Warnings) > 0 {
				caption += "\nEstimate doubtful: " + strings.Join(r.Warnings, "; ") + "."
			}
			p.estimate = a.EstimateML
			return a.Tissues, caption, false
		}
	}
	return nil, "", false
}

// shortNames keep the table narrow; the README spells them out.
var shortNames = [bodycomp.NumTissues]string{"muscle", "IMAT", "SAT", "VAT", "PAT", "EAT", "bone", "TAT"}

// fill rebuilds the table for the chosen scope.
func (p *BodyCompPanel) fill() {
	if p.Report == nil || p.table == nil {
		return
	}
	t, caption, single := p.scopeTissues()
	p.note.SetText(caption)
	p.table.RemoveAll()
	last := "est. mL"
	if single {
		last = "cm²"
	}
	for _, h := range []string{"tissue", "mL", "HU", last} {
		p.table.Add(widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	if t == nil {
		return
	}
	for i, key := range bodycomp.Keys {
		f := t[key]
		extra := "–"
		if est, ok := p.estimate[key]; ok {
			extra = fmt.Sprintf("%.1f", est)
		}
		if single {
			extra = fmt.Sprintf("%.1f", f.ML*10/p.layers.Image.Spacing[2])
		}
		p.table.Add(widget.NewLabel(shortNames[i]))
		p.table.Add(widget.NewLabel(fmt.Sprintf("%.1f", f.ML)))
		p.table.Add(widget.NewLabel(meanHU(f)))
		p.table.Add(widget.NewLabel(extra))
	}
}

// meanHU is a tissue's mean HU as the table shows it: blank when the
// tissue has no volume, as a mean of nothing is no number.
func meanHU(f bodycomp.Figure) string {
	if f.ML <= 0 || math.IsNaN(f.MeanHU) {
		return ""
	}
	return fmt.Sprintf("%.0f", f.MeanHU)
}

// exportBodyComp asks where to write a body-composition export and writes
// it whole (temporary file, then rename) or not at all.
func (c *Controller) exportBodyComp(name string, write func(io.Writer) error) {
	ext := filepath.Ext(name)
	c.saveFile("Export body composition", name, strings.ToUpper(ext[1:]), ext[1:], func(p string) {
		c.Work.Go(func() func() {
			err := store.WriteFileAtomic(p, write)
			return func() {
				if err != nil {
					c.showError(fmt.Errorf("export body composition: %w", err))
					return
				}
				c.say("Body composition written to " + p)
			}
		})
	})
}
