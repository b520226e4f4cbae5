// Package measure is the radiologist's measuring model: rulers, ellipse
// and polygon regions of interest drawn on a plane of the CT, with true
// physical lengths and areas from the affine and Hounsfield statistics
// of the voxels inside. Measurements are kept with the case beside the
// label maps (never in them) and exported as CSV. No GUI toolkit.
package measure

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/saros-review/saros-review/volume"
)

// Kind is what a measurement is.
type Kind string

// The kinds.
const (
	Ruler   Kind = "ruler"   // a straight line: two points
	Ellipse Kind = "ellipse" // an ellipse given by two opposite corners of its box
	Polygon Kind = "polygon" // a closed outline: three or more points
)

// MaxPoints bounds a polygon's points (a traced outline of a large organ
// has a few hundred), so a hostile file cannot make one unbounded.
const MaxPoints = 100000

// Measurement is one ruler or region of interest on a plane of the
// volume: the voxels whose index along Axis is Slice. Points are in-plane
// positions (u, v) in fractional voxel indices along the lower and the
// higher of the two other array axes (volume.Plane's u and v: i and j on
// an axial plane k, i and k on j, j and k on i); an integer is a voxel's
// centre.
type Measurement struct {
	ID     int         `json:"id"`
	Kind   Kind        `json:"kind"`
	Axis   volume.Axis `json:"axis"` // array axis normal to the plane: 0 i, 1 j, 2 k
	Slice  int         `json:"slice"`
	Points []Point     `json:"points"`
	Name   string      `json:"name,omitempty"`
}

// Point is an in-plane position (u, v) in fractional voxel indices.
type Point [2]float64

// UnmarshalJSON reads [u, v], refusing any other number of coordinates
// (encoding/json would drop a third silently).
func (p *Point) UnmarshalJSON(b []byte) error {
	var xs []float64
	if err := json.Unmarshal(b, &xs); err != nil {
		return err
	}
	if len(xs) != 2 {
		return fmt.Errorf("point %s: %d coordinates, want 2 (u, v)", b, len(xs))
	}
	*p = Point{xs[0], xs[1]}
	return nil
}

// InPlane returns the in-plane (u, v) of a voxel position on a plane
// normal to axis a.
func InPlane(a volume.Axis, p [3]float64) Point {
	u, v := planeAxes(a)
	return Point{p[u], p[v]}
}

// planeAxes are the lower and higher array axes other than a.
func planeAxes(a volume.Axis) (u, v volume.Axis) {
	switch a {
	case volume.AxisI:
		return volume.AxisJ, volume.AxisK
	case volume.AxisJ:
		return volume.AxisI, volume.AxisK
	}
	return volume.AxisI, volume.AxisJ
}

// Voxel returns the voxel position of in-plane point p.
func (m *Measurement) Voxel(p Point) [3]float64 {
	u, v := planeAxes(m.Axis)
	var x [3]float64
	x[u], x[v], x[m.Axis] = p[0], p[1], float64(m.Slice)
	return x
}

// Check returns nil when the measurement can be measured on grid g: a
// known kind with the right number of finite points, on a slice of the
// grid, its points no further than one voxel outside the plane.
func (m *Measurement) Check(g volume.Grid) error {
	what := fmt.Sprintf("measurement %d (%s)", m.ID, m.Kind)
	switch m.Kind {
	case Ruler, Ellipse:
		if len(m.Points) != 2 {
			return fmt.Errorf("%s: %d points, want 2", what, len(m.Points))
		}
	case Polygon:
		if len(m.Points) < 3 || len(m.Points) > MaxPoints {
			return fmt.Errorf("%s: %d points, want 3 to %d", what, len(m.Points), MaxPoints)
		}
	default:
		return fmt.Errorf("measurement %d: unknown kind %q (ruler, ellipse or polygon)", m.ID, m.Kind)
	}
	if m.Axis < volume.AxisI || m.Axis > volume.AxisK {
		return fmt.Errorf("%s: no array axis %d", what, int(m.Axis))
	}
	if m.Slice < 0 || m.Slice >= g.Dims[m.Axis] {
		return fmt.Errorf("%s: slice %d outside 0..%d along %s", what, m.Slice, g.Dims[m.Axis]-1, m.Axis)
	}
	u, v := planeAxes(m.Axis)
	for _, p := range m.Points {
		for c, a := range [2]volume.Axis{u, v} {
			if x := p[c]; math.IsNaN(x) || x < -1 || x > float64(g.Dims[a]) {
				return fmt.Errorf("%s: point (%g, %g) outside the plane (%d×%d voxels)", what, p[0], p[1], g.Dims[u], g.Dims[v])
			}
		}
	}
	return nil
}

// Stats are Hounsfield statistics of the voxels inside a region: their
// number, mean, sample standard deviation (n − 1; 0 for one voxel),
// smallest and largest value. All are 0 when N is 0.
type Stats struct {
	N    int     `json:"voxels"`
	Mean float64 `json:"mean_hu"`
	SD   float64 `json:"sd_hu"`
	Min  float64 `json:"min_hu"`
	Max  float64 `json:"max_hu"`
}

// Result is what a measurement measures: a ruler's length, a region's
// area (of the drawn shape, in the plane, from the affine; for a polygon
// whose outline crosses itself, the signed areas of its loops add up) and
// the statistics of the voxels whose centres lie inside it.
type Result struct {
	LengthMM float64 `json:"length_mm,omitempty"`
	AreaMM2  float64 `json:"area_mm2,omitempty"`
	Stats
}

// Measure measures m on image im (it must pass Check on im's grid).
func (m *Measurement) Measure(im *volume.Image) (Result, error) {
	if err := m.Check(im.Grid); err != nil {
		return Result{}, err
	}
	g := im.Grid
	col := func(a volume.Axis) [3]float64 { return [3]float64{g.Affine[0][a], g.Affine[1][a], g.Affine[2][a]} }
	u, v := planeAxes(m.Axis)
	cu, cv := col(u), col(v)
	if m.Kind == Ruler {
		a, b := m.Points[0], m.Points[1]
		du, dv := b[0]-a[0], b[1]-a[1]
		d := [3]float64{du*cu[0] + dv*cv[0], du*cu[1] + dv*cv[1], du*cu[2] + dv*cv[2]}
		return Result{LengthMM: math.Sqrt(d[0]*d[0] + d[1]*d[1] + d[2]*d[2])}, nil
	}
	// The area of a unit square of the plane in mm²: |cu × cv|.
	x := [3]float64{cu[1]*cv[2] - cu[2]*cv[1], cu[2]*cv[0] - cu[0]*cv[2], cu[0]*cv[1] - cu[1]*cv[0]}
	unit := math.Sqrt(x[0]*x[0] + x[1]*x[1] + x[2]*x[2])
	pl, err := g.Plane(m.Axis, m.Slice)
	if err != nil {
		return Result{}, err
	}
	var acc accumulator
	var area float64
	if m.Kind == Ellipse {
		a, b := m.Points[0], m.Points[1]
		c := [2]float64{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
		r := [2]float64{math.Abs(b[0]-a[0]) / 2, math.Abs(b[1]-a[1]) / 2}
		area = math.Pi * r[0] * r[1]
		ellipseSpans(c, r, pl.W, pl.H, func(row, i0, i1 int) { acc.span(im.Voxels, pl, row, i0, i1) })
	} else {
		area = math.Abs(shoelace(m.Points))
		polygonSpans(m.Points, pl.W, pl.H, func(row, i0, i1 int) { acc.span(im.Voxels, pl, row, i0, i1) })
	}
	return Result{AreaMM2: area * unit, Stats: acc.stats()}, nil
}

// shoelace is the signed area of a polygon.
func shoelace(p []Point) float64 {
	s := 0.0
	for a := range p {
		b := (a + 1) % len(p)
		s += p[a][0]*p[b][1] - p[b][0]*p[a][1]
	}
	return s / 2
}

// accumulator sums voxel values for Stats (Welford's update: stable for
// any number of voxels).
type accumulator struct {
	n        int
	mean, m2 float64
	lo, hi   int16
}

// span adds the voxels u0..u1 of plane row v.
func (a *accumulator) span(vox []int16, pl volume.Plane, v, u0, u1 int) {
	o := pl.Offset(u0, v)
	for u := u0; u <= u1; u++ {
		x := vox[o]
		o += pl.StrideU
		if a.n == 0 || x < a.lo {
			a.lo = x
		}
		if a.n == 0 || x > a.hi {
			a.hi = x
		}
		a.n++
		d := float64(x) - a.mean
		a.mean += d / float64(a.n)
		a.m2 += d * (float64(x) - a.mean)
	}
}

func (a *accumulator) stats() Stats {
	if a.n == 0 {
		return Stats{}
	}
	s := Stats{N: a.n, Mean: a.mean, Min: float64(a.lo), Max: float64(a.hi)}
	if a.n > 1 {
		s.SD = math.Sqrt(a.m2 / float64(a.n-1))
	}
	return s
}

// ellipseSpans calls span for every run of plane pixels (row v, columns
// u0..u1, inside w×h) whose centres lie in the ellipse of centre c and
// semi-axes r (in pixels, along u and v).
func ellipseSpans(c, r [2]float64, w, h int, span func(v, u0, u1 int)) {
	if r[0] <= 0 || r[1] <= 0 {
		return
	}
	for v := max(0, int(math.Ceil(c[1]-r[1]))); v <= min(h-1, int(math.Floor(c[1]+r[1]))); v++ {
		dy := (float64(v) - c[1]) / r[1]
		if dy*dy > 1 {
			continue
		}
		half := math.Sqrt(1-dy*dy) * r[0]
		u0, u1 := max(0, int(math.Ceil(c[0]-half))), min(w-1, int(math.Floor(c[0]+half)))
		if u0 <= u1 {
			span(v, u0, u1)
		}
	}
}

// polygonSpans calls span for every run of plane pixels inside w×h whose
// centres lie inside the polygon by the even-odd rule.
func polygonSpans(pts []Point, w, h int, span func(v, u0, u1 int)) {
	minV, maxV := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		minV, maxV = math.Min(minV, p[1]), math.Max(maxV, p[1])
	}
	xs := make([]float64, 0, 16)
	for v := max(0, int(math.Ceil(minV))); v <= min(h-1, int(math.Floor(maxV))); v++ {
		y := float64(v)
		xs = xs[:0]
		for a := range pts {
			p, q := pts[a], pts[(a+1)%len(pts)]
			if (p[1] <= y) != (q[1] <= y) {
				xs = append(xs, p[0]+(y-p[1])/(q[1]-p[1])*(q[0]-p[0]))
			}
		}
		slices.Sort(xs)
		for c := 0; c+1 < len(xs); c += 2 {
			u0, u1 := max(0, int(math.Ceil(xs[c]))), min(w-1, int(math.Floor(xs[c+1])))
			if u0 <= u1 {
				span(v, u0, u1)
			}
		}
	}
}
