package app

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

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
	layers  *viewer.Layers
	caseID  string
	Report  *bodycomp.Report
	stale   bool
	scope   *widget.Select
	note    *widget.Label
	table   *fyne.Container
	plot    *plotImage
	content fyne.CanvasObject
	k       int
	geom    plotGeom
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

// plotGeom is the plot geometry of the last render: the data area in
// pixels and the slice range it shows.
type plotGeom struct {
	x0, x1     float64
	kMin, kMax float64
}

// NewBodyCompPanel builds the panel; it measures on first Refresh.
func NewBodyCompPanel(caseID string, layers *viewer.Layers) *BodyCompPanel {
	p := &BodyCompPanel{layers: layers, caseID: caseID, stale: true, note: widget.NewLabel(""),
		table: container.NewGridWithColumns(4)}
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

// plotted are the tissues drawn, with their colours from the Okabe–Ito
// palette (told apart with every common colour-vision deficiency) and
// dashes so that the lines differ even in grey.
var plotted = []struct {
	t      bodycomp.Tissue
	c      color.NRGBA
	dashes []vg.Length
}{
	{bodycomp.Muscle, color.NRGBA{0xD5, 0x5E, 0x00, 255}, nil},                                                               // vermillion
	{bodycomp.SAT, color.NRGBA{0xF0, 0xE4, 0x42, 255}, nil},                                                                  // yellow
	{bodycomp.VAT, color.NRGBA{0x00, 0x9E, 0x73, 255}, []vg.Length{vg.Points(5), vg.Points(2)}},                              // bluish green
	{bodycomp.IMAT, color.NRGBA{0xCC, 0x79, 0xA7, 255}, []vg.Length{vg.Points(2), vg.Points(2)}},                             // reddish purple
	{bodycomp.Bone, color.NRGBA{0x56, 0xB4, 0xE9, 255}, []vg.Length{vg.Points(6), vg.Points(2), vg.Points(2), vg.Points(2)}}, // sky blue
}

// plotLegend is the plot's legend as widgets, at the text size of the
// rest of the window: a swatch and the tissue's name for each line.
func plotLegend() fyne.CanvasObject {
	row := container.NewHBox()
	for _, c := range plotted {
		sw := canvas.NewRectangle(c.c)
		sw.SetMinSize(fyne.NewSize(18, 4))
		row.Add(container.NewCenter(sw))
		row.Add(widget.NewLabel(shortNames[c.t]))
	}
	return row
}

// niceTicks marks an axis at round steps (1, 2 or 5 times a power of
// ten, about five of them), labelled with no more decimals than the step
// needs: "0 50 100", not "0.00 250.00".
type niceTicks struct{}

// Ticks returns the marks between min and max.
func (niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return []plot.Tick{{Value: min, Label: strconv.FormatFloat(min, 'f', -1, 64)}}
	}
	raw := (max - min) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	dec := 0
	if step < 1 {
		dec = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	var ticks []plot.Tick
	for v := math.Ceil(min/step-1e-9) * step; v <= max+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', dec, 64)})
	}
	return ticks
}

// render draws the area plot; the current slice's marker is a line drawn
// over it, so following the cursor never draws the plot again.
func (p *BodyCompPanel) render() {
	r := p.Report
	if r == nil || len(r.Slices) == 0 {
		return
	}
	pl := plot.New()
	fg := color.NRGBA{210, 210, 210, 255}
	pl.BackgroundColor = color.Transparent
	pl.X.Label.Text, pl.Y.Label.Text = "axial slice k", "tissue area per slice (cm²)"
	for _, a := range []*plot.Axis{&pl.X, &pl.Y} {
		a.Color, a.Label.TextStyle.Color, a.Tick.Color, a.Tick.Label.Color = fg, fg, fg, fg
		a.Tick.Marker = niceTicks{}
		a.Label.TextStyle.Font.Size = vg.Points(13)
		a.Tick.Label.Font.Size = vg.Points(12)
	}
	pl.Y.Min = 0
	for _, c := range plotted {
		pts := make(plotter.XYs, len(r.Slices))
		for i, s := range r.Slices {
			a := s.AreaCM2[bodycomp.Keys[c.t]]
			pts[i] = plotter.XY{X: float64(s.K), Y: a}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			continue
		}
		l.Color, l.Dashes = c.c, c.dashes
		l.Width = vg.Points(2)
		pl.Add(l)
	}
	pl.X.Min, pl.X.Max = 0, float64(p.layers.Image.Dims[2]-1)
	img := vgimg.NewWith(vgimg.UseWH(vg.Length(plotW), vg.Length(plotH)), vgimg.UseDPI(72), vgimg.UseBackgroundColor(color.Transparent))
	dc := draw.New(img)
	pl.Draw(dc)
	da := pl.DataCanvas(dc)
	p.geom.x0, p.geom.x1, p.geom.kMin, p.geom.kMax = float64(da.Min.X), float64(da.Max.X), pl.X.Min, pl.X.Max
	p.plot.set(img.Image())
}

// sliceAt turns a tap at fraction fx of the plot's width into the
// nearest annotated slice.
func (p *BodyCompPanel) sliceAt(fx float64) (int, bool) {
	x := fx * plotW
	if p.Report == nil || p.geom.x1 <= p.geom.x0 || x < p.geom.x0 || x > p.geom.x1 {
		return 0, false
	}
	k := p.geom.kMin + (x-p.geom.x0)/(p.geom.x1-p.geom.x0)*(p.geom.kMax-p.geom.kMin)
	best := -1 // the nearest annotated slice: only they have figures
	for _, s := range p.Report.Slices {
		if best < 0 || math.Abs(float64(s.K)-k) < math.Abs(float64(best)-k) {
			best = s.K
		}
	}
	return best, best >= 0
}

// plotImage is the plot: an image with a marker line at a fraction of its
// width, which reports where it was tapped as such a fraction.
type plotImage struct {
	widget.BaseWidget
	img    *canvas.Image
	marker *canvas.Line
	fx     float32 // marker position; < 0 hides it
	onTap  func(fx float32)
}

func newPlotImage(onTap func(float32)) *plotImage {
	p := &plotImage{img: canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1))), onTap: onTap, fx: -1,
		marker: canvas.NewLine(color.NRGBA{245, 245, 245, 255})} // white: no tissue line is white
	p.img.FillMode = canvas.ImageFillStretch
	p.img.SetMinSize(fyne.NewSize(plotW, plotH))
	p.marker.StrokeWidth = 1.5
	p.ExtendBaseWidget(p)
	return p
}

func (p *plotImage) set(im image.Image) {
	p.img.Image = im
	p.img.Refresh()
}

// mark moves the marker to fraction fx of the width.
func (p *plotImage) mark(fx float32) {
	p.fx = fx
	p.Refresh()
}

// CreateRenderer draws the image and the marker.
func (p *plotImage) CreateRenderer() fyne.WidgetRenderer { return &plotRenderer{p: p} }

type plotRenderer struct{ p *plotImage }

func (r *plotRenderer) Layout(s fyne.Size) {
	r.p.img.Resize(s)
	x := r.p.fx * s.Width
	r.p.marker.Hidden = r.p.fx < 0
	r.p.marker.Position1 = fyne.NewPos(x, 0)
	r.p.marker.Position2 = fyne.NewPos(x, s.Height)
}
func (r *plotRenderer) MinSize() fyne.Size { return r.p.img.MinSize() }
func (r *plotRenderer) Refresh() {
	r.Layout(r.p.Size())
	canvas.Refresh(r.p.marker)
}
func (r *plotRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.img, r.p.marker} }
func (r *plotRenderer) Destroy()                     {}

// Tapped jumps to the slice under the pointer.
func (p *plotImage) Tapped(e *fyne.PointEvent) {
	if w := p.Size().Width; w > 0 {
		p.onTap(e.Position.X / w)
	}
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
