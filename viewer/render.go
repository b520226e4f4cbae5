package viewer

import (
	"encoding/binary"
	"image"
	"math"
	"runtime"
	"sync"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/volume"
)

// Layers are the volumes a view shows; label maps may be nil. Original
// holds the maps as first opened (regions, parts) for the changes overlay.
type Layers struct {
	Image    *volume.Image
	Regions  *volume.LabelMap
	Parts    *volume.LabelMap
	Original [2][]uint8
	// Slices are the states of the regions map's axial slices (as
	// LabelMap.SliceStates gives them), for Style.AnnotatedRowsOnly; nil
	// leaves every row as it is.
	Slices []volume.SliceState
}

// MapStyle is how one label map is drawn.
type MapStyle struct {
	Show    bool
	Outline bool            // outline only instead of filled
	Hidden  [256]bool       // labels not drawn
	Colours [256]assets.RGB // label colours
}

// Style is everything about how a frame looks, apart from geometry.
type Style struct {
	Window    Window
	Opacity   float64 // of label overlays, 0..1
	Regions   MapStyle
	Parts     MapStyle
	Crosshair bool
	Changes   bool // mark voxels that differ from Layers.Original
	// Tissues colours the voxels of the body-composition regions by
	// their HU tissue (muscle, the fats) instead of by region label.
	Tissues bool
	// Hatch is the strength of the hatching of not-annotated voxels, from
	// 0 (off: the plain CT) to 1 (dimmed, with diagonal stripes).
	Hatch float64
	// AnnotatedRowsOnly collapses the rows of not-annotated axial slices
	// in the views whose normal is not the slice axis (coronal and
	// sagittal): each such row shows the nearest annotated slice (per
	// Layers.Slices), so thin-slice data is not all hatch.
	AnnotatedRowsOnly bool
}

// TissueColours are the tissue overlay's colours, by bodycomp.Tissue
// (bone is not coloured).
var TissueColours = [bodycomp.NumTissues]assets.RGB{
	bodycomp.Muscle: {R: 230, G: 60, B: 60}, bodycomp.IMAT: {R: 60, G: 200, B: 80},
	bodycomp.SAT: {R: 60, G: 200, B: 230}, bodycomp.VAT: {R: 245, G: 210, B: 60},
	bodycomp.PAT: {R: 245, G: 140, B: 40}, bodycomp.EAT: {R: 220, G: 80, B: 220},
}

// ChangeColour marks changed voxels in the changes overlay.
var ChangeColour = [3]uint8{255, 0, 200}

// DefaultStyle shows regions filled at 50 % with parts outlined on top, in
// the soft-tissue window, not-annotated voxels fully hatched.
func DefaultStyle() *Style {
	s := &Style{Window: SoftTissue, Opacity: 0.5, Crosshair: true, Hatch: 1}
	s.Regions.Show = true
	s.Parts.Show, s.Parts.Outline = true, true
	copy(s.Regions.Colours[:], assets.RegionColours[:])
	copy(s.Parts.Colours[:], assets.PartColours[:])
	return s
}

// Background is the colour outside the volume.
var Background = [3]uint8{12, 12, 14}

// Cursor is a voxel to mark with the crosshair (Valid false: none), and
// what an editing tool or a QC finding shows over it.
type Cursor struct {
	IJK   [3]int
	Valid bool
	Marks
}

// Marks are what is drawn over a view besides the crosshair.
type Marks struct {
	// Brush, when BrushMM > 0, is the outline of a round brush of that
	// radius centred on the fractional voxel BrushAt.
	BrushAt [3]float64
	BrushMM float64
	// Polygon is an outline being drawn, in fractional voxels of this slice.
	Polygon [][3]float64
	// Box outlines a QC finding's component.
	Box Box
	// Boxes outline more components (the specks a clean-up would
	// change), drawn like Box.
	Boxes []Box
	// Preview marks the voxels an edit would change.
	Preview Preview
	// Shapes are the case's measurements (rulers, regions of interest).
	Shapes []Shape
	// Disagree marks where two compared maps differ on one slice.
	Disagree Disagreement
}

// Box outlines voxels I0..I1, J0..J1 of axial slice K when Valid.
type Box struct {
	Valid          bool
	I0, J0, I1, J1 int
	K              int
}

// Renderer draws frames. It keeps its tables between frames so that a
// frame allocates nothing; one Renderer serves one view at a time.
type Renderer struct {
	lut            LUT
	lutOK          bool
	colOff, rowOff []int // flat offset along U per output column, along V per output row
	fc             frameCtx
	Threads        int // stripes rendered at once; 0 means one per core (at most 4)
	stripes        [maxStripes]stripe
	wg             sync.WaitGroup
	fill, edge     [2]blend // per map: regions, parts
	tablesOK       bool
	last           Style               // the style the tables were built for
	greyPx         [256]uint32         // packed RGBA of each grey level
	fillPx         [2][256][256]uint32 // per map, label and grey: filled pixel
	tissuePx       [bodycomp.NumTissues][256]uint32
	tissueOn       [bodycomp.NumTissues]bool
	hatchPx        [2][256]uint32 // not-annotated pixel of each grey: between stripes, on a stripe
	nearest        []int          // per axial slice, the nearest annotated one (AnnotatedRowsOnly)
}

// blend holds, per label, out = (in·inv + add) >> 8 for each channel.
type blend struct {
	on  [256]bool
	inv [256]uint32
	add [256][3]uint32
}

// mix blends label l's colour over the packed RGBA pixel px.
func (b *blend) mix(px uint32, l uint8) uint32 {
	inv, add := b.inv[l], &b.add[l]
	cr := (px&0xff*inv + add[0]) >> 8
	cg := ((px>>8)&0xff*inv + add[1]) >> 8
	cb := ((px>>16)&0xff*inv + add[2]) >> 8
	return cr | cg<<8 | cb<<16 | 0xff<<24
}

func (b *blend) set(ms *MapStyle, alpha float64) {
	a := uint16(math.Round(math.Max(0, math.Min(1, alpha)) * 256))
	for l := 0; l < 256; l++ {
		b.on[l] = ms.Show && !ms.Hidden[l] && l != 0 && l != volume.NotAnnotated && a > 0
		c := ms.Colours[l]
		b.inv[l] = uint32(256 - a)
		b.add[l] = [3]uint32{uint32(c.R) * uint32(a), uint32(c.G) * uint32(a), uint32(c.B) * uint32(a)}
	}
}

// Render draws slice n of frame f into dst (sized vp.W×vp.H; reallocated
// only when the size changes) and returns it.
func (r *Renderer) Render(dst *image.RGBA, l Layers, f Frame, n int, vp Viewport, st *Style, cur Cursor) *image.RGBA {
	if dst == nil || dst.Rect.Dx() != vp.W || dst.Rect.Dy() != vp.H {
		dst = image.NewRGBA(image.Rect(0, 0, vp.W, vp.H))
	}
	if !r.lutOK || r.lut.win != st.Window {
		r.lut.Set(st.Window)
		r.lutOK = true
	}
	g := l.Image.Grid
	strides := [3]int{1, g.Dims[0], g.Dims[0] * g.Dims[1]}
	r.colOff = offsets(r.colOff, vp.W, vp.Center[0], float64(vp.W)/2, vp.Zoom, f.Spacing[0], f.Size[0], f.FlipU, strides[f.U])
	r.rowOff = offsets(r.rowOff, vp.H, vp.Center[1], float64(vp.H)/2, vp.Zoom, f.Spacing[1], f.Size[1], f.FlipV, strides[f.V])
	if st.AnnotatedRowsOnly {
		r.annotatedRowsOnly(l, f)
	}
	base := n * strides[f.Normal]
	fc := &r.fc
	fc.img, fc.regs, fc.parts = l.Image.Voxels, nil, nil
	if l.Regions != nil && st.Regions.Show {
		fc.regs = l.Regions.Voxels
	}
	if l.Parts != nil && st.Parts.Show {
		fc.parts = l.Parts.Voxels
	}
	fc.rOut, fc.pOut = st.Regions.Outline, st.Parts.Outline
	fc.tissues = st.Tissues
	fc.base, fc.pix, fc.stride, fc.h = base, dst.Pix, dst.Stride, vp.H
	r.tables(st)
	r.parallel(vp.H)
	if st.Changes && len(l.Original[0]) == len(l.Image.Voxels) {
		r.changes(dst, l, f, n, vp)
	}
	// Marks of one axial slice: an axial view of another slice shows none
	// (no per-pixel test then).
	for i, p := range [3]Preview{cur.Preview, cur.Disagree.OnlyA, cur.Disagree.OnlyB} {
		if p.Valid && (f.Normal != 2 || n == p.K) {
			r.tintMarked(dst, l.Image.Dims, base, p, [3][3]uint8{PreviewColour, OnlyAColour, OnlyBColour}[i], i == 0)
		}
	}
	if st.Crosshair && cur.Valid {
		u, v, _ := f.ScreenUV(cur.IJK)
		cx, cy := vp.VoxelCentre(f, u, v)
		crosshair(dst, int(math.Floor(cx)), int(math.Floor(cy)))
	}
	if cur.BrushMM > 0 {
		x, y := screenOf(f, vp, cur.BrushAt)
		circle(dst, x, y, cur.BrushMM*vp.Zoom)
	}
	for i := -1; i < len(cur.Boxes); i++ {
		b := cur.Box
		if i >= 0 {
			b = cur.Boxes[i]
		}
		if !b.Valid || f.View != Axial || n != b.K {
			continue
		}
		x0, y0 := screenOf(f, vp, [3]float64{float64(b.I0) - 1, float64(b.J0) - 1, float64(b.K)})
		x1, y1 := screenOf(f, vp, [3]float64{float64(b.I1) + 1, float64(b.J1) + 1, float64(b.K)})
		// In screen pixels: at least minBoxPx wide and two pixels thick,
		// so a one-voxel speck stays visible at fit zoom.
		x0, x1 = widen(x0, x1)
		y0, y1 = widen(y0, y1)
		for d := 0.0; d < 2; d++ {
			line(dst, x0-d, y0-d, x1+d, y0-d)
			line(dst, x1+d, y0-d, x1+d, y1+d)
			line(dst, x1+d, y1+d, x0-d, y1+d)
			line(dst, x0-d, y1+d, x0-d, y0-d)
		}
	}
	shapes(dst, f, vp, n, cur.Shapes)
	if len(cur.Polygon) > 0 {
		px, py := screenOf(f, vp, cur.Polygon[0])
		for _, p := range cur.Polygon[1:] {
			x, y := screenOf(f, vp, p)
			line(dst, px, py, x, y)
			px, py = x, y
		}
	}
	return dst
}

// minBoxPx is the smallest side of a QC box outline on screen.
const minBoxPx = 16

// widen orders a..b and grows it about its middle to at least minBoxPx.
func widen(a, b float64) (float64, float64) {
	if a > b {
		a, b = b, a
	}
	if d := minBoxPx - (b - a); d > 0 {
		a, b = a-d/2, b+d/2
	}
	return a, b
}

// screenOf maps a fractional voxel to output pixels.
func screenOf(f Frame, vp Viewport, p [3]float64) (float64, float64) {
	u, v := p[f.U], p[f.V]
	if f.FlipU {
		u = float64(f.Size[0]-1) - u
	}
	if f.FlipV {
		v = float64(f.Size[1]-1) - v
	}
	return vp.ToScreen((u+0.5)*f.Spacing[0], (v+0.5)*f.Spacing[1])
}

// changes tints every pixel whose voxel differs from the maps as opened.
func (r *Renderer) changes(dst *image.RGBA, l Layers, f Frame, n int, vp Viewport) {
	g := l.Image.Grid
	strides := [3]int{1, g.Dims[0], g.Dims[0] * g.Dims[1]}
	base := n * strides[f.Normal]
	var cur [2][]uint8
	if l.Regions != nil {
		cur[0] = l.Regions.Voxels
	}
	if l.Parts != nil {
		cur[1] = l.Parts.Voxels
	}
	for y, ro := range r.rowOff {
		if ro < 0 {
			continue
		}
		for x, co := range r.colOff {
			if co < 0 {
				continue
			}
			off := base + ro + co
			if (cur[0] == nil || cur[0][off] == l.Original[0][off]) && (cur[1] == nil || cur[1][off] == l.Original[1][off]) {
				continue
			}
			o := y*dst.Stride + 4*x
			p := dst.Pix[o : o+3 : o+3]
			p[0] = uint8((uint16(p[0]) + uint16(ChangeColour[0])*3) / 4)
			p[1] = uint8((uint16(p[1]) + uint16(ChangeColour[1])*3) / 4)
			p[2] = uint8((uint16(p[2]) + uint16(ChangeColour[2])*3) / 4)
		}
	}
}

// plot sets one pixel to the tool colour, if inside.
func plot(dst *image.RGBA, x, y int) {
	if x < 0 || y < 0 || x >= dst.Rect.Dx() || y >= dst.Rect.Dy() {
		return
	}
	o := y*dst.Stride + 4*x
	dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2] = 0, 255, 255
}

// circle draws a one-pixel circle of radius r pixels.
func circle(dst *image.RGBA, cx, cy, r float64) {
	n := max(16, int(2*math.Pi*r))
	for a := 0; a < n; a++ {
		s, c := math.Sincos(2 * math.Pi * float64(a) / float64(n))
		plot(dst, int(math.Floor(cx+r*c)), int(math.Floor(cy+r*s)))
	}
}

// line draws a one-pixel line.
func line(dst *image.RGBA, x0, y0, x1, y1 float64) {
	n := int(math.Max(math.Abs(x1-x0), math.Abs(y1-y0))) + 1
	for t := 0; t <= n; t++ {
		f := float64(t) / float64(n)
		plot(dst, int(math.Floor(x0+(x1-x0)*f)), int(math.Floor(y0+(y1-y0)*f)))
	}
}

// frameCtx is what every stripe of a frame needs.
type frameCtx struct {
	img         []int16
	regs, parts []uint8
	rOut, pOut  bool
	tissues     bool
	base        int
	pix         []byte
	stride, h   int
}

// renderRows draws output rows y0 to y1 of the current frame.
func (r *Renderer) renderRows(y0, y1 int) {
	fc := &r.fc
	img, regs, parts, rOut, pOut, base := fc.img, fc.regs, fc.parts, fc.rOut, fc.pOut, fc.base
	pix, stride := fc.pix, fc.stride
	bg := uint32(Background[0]) | uint32(Background[1])<<8 | uint32(Background[2])<<16 | 0xff<<24
	cols := r.colOff
	for y := y0; y < y1; y++ {
		row := pix[y*stride : y*stride+4*len(cols)]
		ro := r.rowOff[y]
		if ro < 0 {
			for x := range cols {
				binary.LittleEndian.PutUint32(row[4*x:], bg)
			}
			continue
		}
		rows := rowRefs{cur: base + ro, up: -1, down: -1}
		if y > 0 && r.rowOff[y-1] >= 0 {
			rows.up = base + r.rowOff[y-1]
		}
		if y+1 < fc.h && r.rowOff[y+1] >= 0 {
			rows.down = base + r.rowOff[y+1]
		}
		for x, co := range cols {
			if co < 0 {
				binary.LittleEndian.PutUint32(row[4*x:], bg)
				continue
			}
			off := rows.cur + co
			g := r.lut.grey(img[off])
			px := r.greyPx[g]
			filled := false
			if regs != nil {
				lr := regs[off]
				if lr == volume.NotAnnotated {
					binary.LittleEndian.PutUint32(row[4*x:], r.hatchPx[stripeAt(x, y)][g])
					continue
				}
				if fc.tissues {
					if t, ok := bodycomp.TissueOf(lr, img[off]); ok && r.tissueOn[t] && r.fill[0].on[lr] {
						px, filled = r.tissuePx[t][g], true
					}
				} else if rOut {
					if r.edge[0].on[lr] && (edgeV(regs, rows, co, lr) || edgeH(regs, cols, rows.cur, x, lr)) {
						px = r.edge[0].mix(px, lr)
					}
				} else if r.fill[0].on[lr] {
					px, filled = r.fillPx[0][lr][g], true
				}
			}
			if parts != nil {
				lp := parts[off]
				if lp == volume.NotAnnotated {
					if regs == nil {
						px = r.hatchPx[stripeAt(x, y)][g]
					}
				} else if pOut {
					if r.edge[1].on[lp] && (edgeV(parts, rows, co, lp) || edgeH(parts, cols, rows.cur, x, lp)) {
						px = r.edge[1].mix(px, lp)
					}
				} else if r.fill[1].on[lp] {
					if filled {
						px = r.fill[1].mix(px, lp)
					} else {
						px = r.fillPx[1][lp][g]
					}
				}
			}
			binary.LittleEndian.PutUint32(row[4*x:], px)
		}
	}
}

// offsets fills, for each output column (or row), the flat-index offset
// of the voxel under its centre along that axis, or −1 outside the frame.
func offsets(dst []int, n int, centre, half, zoom, spacing float64, size int, flip bool, stride int) []int {
	if cap(dst) < n {
		dst = make([]int, n)
	}
	dst = dst[:n]
	for x := range dst {
		mm := centre + (float64(x)+0.5-half)/zoom
		u := int(math.Floor(mm / spacing))
		if u < 0 || u >= size {
			dst[x] = -1
			continue
		}
		if flip {
			u = size - 1 - u
		}
		dst[x] = u * stride
	}
	return dst
}

// rowRefs are the flat offsets of the current output row's voxel row and
// of the rows above and below it (−1 outside the frame).
type rowRefs struct{ cur, up, down int }

// edgeV and edgeH report whether a screen neighbour above/below or
// left/right of a pixel (voxel offset off, column x) shows another label
// than lab or lies outside: together a one-pixel outline at any zoom. They
// are split so the compiler inlines them.
func edgeV(lm []uint8, rows rowRefs, co int, lab uint8) bool {
	return rows.up < 0 || rows.down < 0 || lm[rows.up+co] != lab || lm[rows.down+co] != lab
}

func edgeH(lm []uint8, cols []int, cur, x int, lab uint8) bool {
	if x == 0 || x+1 >= len(cols) {
		return true
	}
	l, r := cols[x-1], cols[x+1]
	return l < 0 || r < 0 || lm[cur+l] != lab || lm[cur+r] != lab
}

// tables rebuilds the per-label blend tables when the style changed.
func (r *Renderer) tables(st *Style) {
	if r.tablesOK && r.last.Opacity == st.Opacity && r.last.Regions == st.Regions && r.last.Parts == st.Parts && r.last.Hatch == st.Hatch {
		return
	}
	r.hatchTables(st.Hatch)
	a := uint32(math.Round(math.Max(0, math.Min(1, st.Opacity)) * 256))
	for t, c := range TissueColours {
		r.tissueOn[t] = c != (assets.RGB{}) && a > 0
		for g := 0; g < 256; g++ {
			r.tissuePx[t][g] = (uint32(g)*(256-a)+uint32(c.R)*a)>>8 | ((uint32(g)*(256-a)+uint32(c.G)*a)>>8)<<8 |
				((uint32(g)*(256-a)+uint32(c.B)*a)>>8)<<16 | 0xff<<24
		}
	}
	r.last = *st
	r.tablesOK = true
	r.fill[0].set(&st.Regions, st.Opacity)
	r.edge[0].set(&st.Regions, math.Min(1, 2*st.Opacity))
	r.fill[1].set(&st.Parts, st.Opacity)
	r.edge[1].set(&st.Parts, math.Min(1, 2*st.Opacity))
	for g := 0; g < 256; g++ {
		r.greyPx[g] = uint32(g) | uint32(g)<<8 | uint32(g)<<16 | 0xff<<24
	}
	for m := 0; m < 2; m++ {
		for l := 0; l < 256; l++ {
			if !r.fill[m].on[l] {
				continue
			}
			for g := 0; g < 256; g++ {
				r.fillPx[m][l][g] = r.fill[m].mix(r.greyPx[g], uint8(l))
			}
		}
	}
}

// crosshair draws dashed lines through (cx, cy) with a gap at the centre.
func crosshair(dst *image.RGBA, cx, cy int) {
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	set := func(x, y int) {
		o := y*dst.Stride + 4*x
		dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2] = 255, 220, 0
	}
	for x := 0; x < w; x++ {
		if d := x - cx; (d < -6 || d > 6) && cy >= 0 && cy < h && (x/4)%2 == 0 {
			set(x, cy)
		}
	}
	for y := 0; y < h; y++ {
		if d := y - cy; (d < -6 || d > 6) && cx >= 0 && cx < w && (y/4)%2 == 0 {
			set(cx, y)
		}
	}
}

// maxStripes bounds how many row stripes a frame is split into.
const maxStripes = 4

// stripe is one band of rows handed to a worker.
type stripe struct {
	r      *Renderer
	y0, y1 int
}

var (
	poolOnce sync.Once
	pool     chan *stripe
)

// startPool starts the workers shared by all renderers; they live as long
// as the program and wait on the channel when idle.
func startPool() {
	pool = make(chan *stripe)
	for i := 0; i < maxStripes-1; i++ {
		go func() {
			for s := range pool {
				s.r.renderRows(s.y0, s.y1)
				s.r.wg.Done()
			}
		}()
	}
}

// parallel renders rows 0..h in stripes, one on the calling goroutine and
// the rest on the pool: a sagittal frame touches a new cache line for
// every voxel, and several cores wait on memory better than one. Nothing
// is allocated.
func (r *Renderer) parallel(h int) {
	n := r.Threads
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	n = max(1, min(n, maxStripes, h/32))
	if n == 1 {
		r.renderRows(0, h)
		return
	}
	poolOnce.Do(startPool)
	r.wg.Add(n - 1)
	for i := 1; i < n; i++ {
		r.stripes[i] = stripe{r: r, y0: h * i / n, y1: h * (i + 1) / n}
		pool <- &r.stripes[i]
	}
	r.renderRows(0, h/n)
	r.wg.Wait()
}
