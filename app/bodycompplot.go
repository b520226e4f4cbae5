package app

import (
	"image"
	"image/color"
	"math"
	"strconv"

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
)

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
