package measure

import (
	"math"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// testImage is an 8×6×4 image of 0.7×0.8×5 mm voxels (LPS, as SAROS
// files) holding i + 10·j + 100·k at (i, j, k).
func testImage() *volume.Image {
	g := volume.Grid{Dims: [3]int{8, 6, 4}, Spacing: [3]float64{0.7, 0.8, 5},
		Affine: volume.Mat4{{-0.7, 0, 0, 10}, {0, -0.8, 0, 20}, {0, 0, 5, -30}, {0, 0, 0, 1}}}
	im := volume.NewImage(g)
	for k := 0; k < 4; k++ {
		for j := 0; j < 6; j++ {
			for i := 0; i < 8; i++ {
				im.Set(i, j, k, int16(i+10*j+100*k))
			}
		}
	}
	return im
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestRulerLengths: rulers on the three planes of an anisotropic grid,
// and on a grid turned 30° in-plane, measure the physical distance.
func TestRulerLengths(t *testing.T) {
	im := testImage()
	for _, c := range []struct {
		axis  volume.Axis
		a, b  [2]float64
		want  float64
		plane string
	}{
		{volume.AxisK, [2]float64{0, 0}, [2]float64{3, 4}, math.Hypot(3*0.7, 4*0.8), "axial"},
		{volume.AxisJ, [2]float64{1, 0}, [2]float64{1, 2}, 10, "coronal"},
		{volume.AxisJ, [2]float64{0, 0.5}, [2]float64{4, 2.5}, math.Hypot(4*0.7, 2*5), "coronal"},
		{volume.AxisI, [2]float64{0, 0}, [2]float64{4, 3}, math.Hypot(4*0.8, 3*5), "sagittal"},
	} {
		m := Measurement{Kind: Ruler, Axis: c.axis, Slice: 1, Points: []Point{c.a, c.b}}
		r, err := m.Measure(im)
		if err != nil || !near(r.LengthMM, c.want) || r.N != 0 {
			t.Errorf("%s ruler %v–%v: %.6f mm (%v), want %.6f", c.plane, c.a, c.b, r.LengthMM, err, c.want)
		}
		if p := PlaneName(im.Grid, c.axis); p != c.plane {
			t.Errorf("axis %s is %q, want %q", c.axis, p, c.plane)
		}
	}
	// Turned 30° about the body axis: the same voxels, the same lengths.
	rot := testImage()
	c, s := math.Cos(math.Pi/6), math.Sin(math.Pi/6)
	rot.Affine = volume.Mat4{{-0.7 * c, 0.8 * s, 0, 0}, {-0.7 * s, -0.8 * c, 0, 0}, {0, 0, 5, 0}, {0, 0, 0, 1}}
	m := Measurement{Kind: Ruler, Axis: volume.AxisK, Slice: 0, Points: []Point{{1, 1}, {4, 5}}}
	if r, _ := m.Measure(rot); !near(r.LengthMM, math.Hypot(3*0.7, 4*0.8)) {
		t.Errorf("turned grid: %.6f mm", r.LengthMM)
	}
}

// TestEllipseStatistics: an ellipse of semi-axes 2 and 1 voxels on axial
// slice 0 holds the seven voxels counted by hand.
func TestEllipseStatistics(t *testing.T) {
	im := testImage()
	m := Measurement{Kind: Ellipse, Axis: volume.AxisK, Slice: 0, Points: []Point{{2, 2}, {6, 4}}}
	r, err := m.Measure(im)
	if err != nil {
		t.Fatal(err)
	}
	// (4,2) = 24; (2..6, 3) = 32..36; (4,4) = 44: mean 34, deviations
	// ±10, ±2, ±1, 0: squares 210, over n − 1 = 6 gives 35.
	want := Stats{N: 7, Mean: 34, SD: math.Sqrt(35), Min: 24, Max: 44}
	if r.N != want.N || !near(r.Mean, want.Mean) || !near(r.SD, want.SD) || r.Min != want.Min || r.Max != want.Max {
		t.Errorf("stats %+v, want %+v", r.Stats, want)
	}
	if !near(r.AreaMM2, math.Pi*2*1*0.7*0.8) {
		t.Errorf("area %.6f mm²", r.AreaMM2)
	}
	// Drawn from the other corners: the same ellipse.
	m.Points = []Point{{6, 2}, {2, 4}}
	if r2, _ := m.Measure(im); r2 != r {
		t.Errorf("other corners: %+v, want %+v", r2, r)
	}
}

// TestPolygonOnCoronalAndSagittalPlanes: a rectangle outline on coronal
// plane j = 3 and a triangle on sagittal plane i = 2, counted by hand.
func TestPolygonOnCoronalAndSagittalPlanes(t *testing.T) {
	im := testImage()
	m := Measurement{Kind: Polygon, Axis: volume.AxisJ, Slice: 3, Points: []Point{{0.5, 0.5}, {3.5, 0.5}, {3.5, 2.5}, {0.5, 2.5}}}
	r, err := m.Measure(im)
	if err != nil {
		t.Fatal(err)
	}
	// i = 1..3, k = 1..2 at j = 3: 131..133 and 231..233; mean 182,
	// deviations ±49, ±50, ±51: squares 15004 over 5.
	if r.N != 6 || !near(r.Mean, 182) || !near(r.SD, math.Sqrt(15004.0/5)) || r.Min != 131 || r.Max != 233 {
		t.Errorf("coronal stats %+v", r.Stats)
	}
	if !near(r.AreaMM2, 3*2*0.7*5) {
		t.Errorf("coronal area %.6f mm², want 21", r.AreaMM2)
	}
	// Sagittal i = 2: u = j, v = k. The triangle (0,0) (4,0) (0,2) holds
	// the voxel centres of rows v = 0 (j = 0..4) and v = 1 (j = 0..2);
	// its apex (0, 2) touches row 2 only at a vertex, which the even-odd
	// rule (half-open in v) leaves out.
	m = Measurement{Kind: Polygon, Axis: volume.AxisI, Slice: 2, Points: []Point{{0, 0}, {4, 0}, {0, 2}}}
	r, err = m.Measure(im)
	if err != nil {
		t.Fatal(err)
	}
	var sum, n float64
	for _, jk := range [][2]int{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {0, 1}, {1, 1}, {2, 1}} {
		sum += float64(2 + 10*jk[0] + 100*jk[1])
		n++
	}
	if r.N != int(n) || !near(r.Mean, sum/n) || r.Min != 2 || r.Max != 122 {
		t.Errorf("sagittal stats %+v, want %v voxels mean %.3f", r.Stats, n, sum/n)
	}
	if !near(r.AreaMM2, 4*2/2.0*0.8*5) {
		t.Errorf("sagittal area %.6f mm², want 16", r.AreaMM2)
	}
}

// TestCheckRefusesWhatDoesNotFit: every way a measurement can be wrong.
func TestCheckRefusesWhatDoesNotFit(t *testing.T) {
	g := testImage().Grid
	for name, m := range map[string]Measurement{
		"kind":         {Kind: "circle", Points: []Point{{0, 0}, {1, 1}}},
		"ruler points": {Kind: Ruler, Points: []Point{{0, 0}}},
		"polygon":      {Kind: Polygon, Points: []Point{{0, 0}, {1, 1}}},
		"axis":         {Kind: Ruler, Axis: 3, Points: []Point{{0, 0}, {1, 1}}},
		"slice":        {Kind: Ruler, Axis: volume.AxisK, Slice: 4, Points: []Point{{0, 0}, {1, 1}}},
		"outside":      {Kind: Ruler, Axis: volume.AxisI, Points: []Point{{0, 0}, {7, 1}}},
		"NaN":          {Kind: Ruler, Points: []Point{{math.NaN(), 0}, {1, 1}}},
	} {
		if err := m.Check(g); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
