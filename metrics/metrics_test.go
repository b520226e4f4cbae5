package metrics

import (
	"math"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// sparseMap is an nx×ny×nz map with spacing sx, sy, 5 mm, every slice 255
// except those of ks, which are background.
func sparseMap(nx, ny, nz int, sx, sy float64, ks ...int) *volume.LabelMap {
	g := volume.Grid{Dims: [3]int{nx, ny, nz}, Spacing: [3]float64{sx, sy, 5},
		Affine: volume.Mat4{{sx, 0, 0, 0}, {0, sy, 0, 0}, {0, 0, 5, 0}, {0, 0, 0, 1}}}
	m := volume.NewLabelMap(g)
	for i := range m.Voxels {
		m.Voxels[i] = 255
	}
	for _, k := range ks {
		clear(m.Axial(k))
	}
	return m
}

// rect paints label v over x0..x1 × y0..y1 (inclusive) of slice k.
func rect(m *volume.LabelMap, k, x0, y0, x1, y1 int, v uint8) {
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			m.Set(x, y, k, v)
		}
	}
}

func find(t *testing.T, s []Score, m string, v uint8) Score {
	t.Helper()
	for _, x := range s {
		if x.Map == m && x.Label == v {
			return x
		}
	}
	t.Fatalf("no score for %s %d in %+v", m, v, s)
	return Score{}
}

func near(a, b float64) bool { return a == b || math.Abs(a-b) < 1e-12 }

func TestIdenticalMapsAgreeFully(t *testing.T) {
	a := sparseMap(40, 30, 6, 0.8, 0.7, 0, 5)
	rect(a, 0, 3, 4, 20, 25, 2)
	rect(a, 5, 10, 10, 12, 11, 5)
	r, err := Compare(Maps{Regions: a}, Maps{Regions: a.Clone()}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Labels {
		if s.Dice != 1 || s.NSD != 1 || s.HD95 != 0 {
			t.Errorf("%+v", s)
		}
	}
	if len(r.Labels) != 2 || r.Labels[0].Name != "muscle" || len(r.Slices) != 2 {
		t.Fatalf("%+v", r)
	}
}

// A square and the same square moved 30 pixels along x at 0.8 mm: no
// overlap, every contour point of the moved-away edges 24 mm from the
// other contour and none further.
func TestDisjointSquares(t *testing.T) {
	a := sparseMap(60, 30, 1, 0.8, 1.1, 0)
	b := a.Clone()
	rect(a, 0, 10, 10, 19, 19, 1)
	rect(b, 0, 40, 10, 49, 19, 1)
	r, err := Compare(Maps{Parts: a}, Maps{Parts: b}, 3)
	if err != nil {
		t.Fatal(err)
	}
	s := find(t, r.Labels, "parts", 1)
	if s.Dice != 0 || s.NSD != 0 || !near(s.HD95, 24) || s.Name != "torso" {
		t.Fatalf("%+v", s)
	}
}

// Moving a 20×20 square by 2 pixels along x: Dice 18/20, every contour
// point within 2 pixels of the other (NSD 1 at 3 mm, HD95 2 px).
func TestShiftedSquare(t *testing.T) {
	a := sparseMap(50, 40, 1, 1.25, 0.5, 0)
	b := a.Clone()
	rect(a, 0, 10, 10, 29, 29, 3)
	rect(b, 0, 12, 10, 31, 29, 3)
	r, err := Compare(Maps{Regions: a}, Maps{Regions: b}, 3)
	if err != nil {
		t.Fatal(err)
	}
	s := find(t, r.Labels, "regions", 3)
	if !near(s.Dice, 0.9) || s.NSD != 1 || !near(s.HD95, 2.5) || s.VoxelsA != 400 {
		t.Fatalf("%+v", s)
	}
	// At 2 mm the far edges (2.5 mm away) no longer count.
	r, _ = Compare(Maps{Regions: a}, Maps{Regions: b}, 2)
	if s := find(t, r.Labels, "regions", 3); !(s.NSD > 0.5 && s.NSD < 1) {
		t.Fatalf("NSD at 2 mm %g", s.NSD)
	}
}

// Empty against present: Dice and NSD 0, HD95 +Inf; absent from both: no
// score. A case pools its slices.
func TestEmptyAndPooling(t *testing.T) {
	a := sparseMap(30, 30, 11, 1, 1, 0, 5, 10)
	b := sparseMap(30, 30, 11, 1, 1, 5, 10)
	rect(a, 0, 1, 1, 5, 5, 7) // slice 0 is not annotated in b: ignored
	rect(a, 5, 2, 2, 11, 11, 1)
	rect(b, 5, 2, 2, 11, 11, 1)
	rect(a, 10, 2, 2, 11, 6, 1) // 50 voxels
	rect(b, 10, 2, 2, 11, 11, 1)
	rect(b, 10, 20, 20, 22, 22, 4) // only b
	r, err := Compare(Maps{Regions: a}, Maps{Regions: b}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Compared["regions"]; len(got) != 2 || got[0] != 5 || got[1] != 10 {
		t.Fatalf("compared %v", got)
	}
	for _, s := range r.Labels {
		if s.Label == 7 || s.Label == 255 {
			t.Fatalf("label %d scored: %+v", s.Label, s)
		}
	}
	s4 := find(t, r.Labels, "regions", 4)
	if s4.Dice != 0 || s4.NSD != 0 || !math.IsInf(s4.HD95, 1) || s4.VoxelsA != 0 || s4.VoxelsB != 9 {
		t.Fatalf("%+v", s4)
	}
	s1 := find(t, r.Labels, "regions", 1)
	if !near(s1.Dice, 2*150.0/(150+200)) || s1.VoxelsA != 150 || s1.VoxelsB != 200 {
		t.Fatalf("%+v", s1)
	}
	if len(r.Slices) != 2 || len(r.Slices[0].Labels) != 1 || r.Slices[0].Labels[0].Dice != 1 {
		t.Fatalf("slices %+v", r.Slices)
	}
	if d := find(t, r.Slices[1].Labels, "regions", 1).Dice; !near(d, 2*50.0/150) {
		t.Fatalf("slice 10 dice %g", d)
	}
}

// 255 voxels of a mixed slice are background, never a label.
func TestMixedSliceIgnoresNotAnnotated(t *testing.T) {
	a := sparseMap(20, 20, 1, 1, 1, 0)
	b := a.Clone()
	rect(a, 0, 0, 0, 9, 19, 2)
	rect(b, 0, 0, 0, 9, 19, 2)
	rect(b, 0, 10, 0, 19, 3, 255)
	r, err := Compare(Maps{Regions: a}, Maps{Regions: b}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Labels) != 1 || r.Labels[0].Dice != 1 {
		t.Fatalf("%+v", r.Labels)
	}
}

func TestGridMismatchAndBadTolerance(t *testing.T) {
	a := sparseMap(20, 20, 1, 1, 1, 0)
	b := sparseMap(20, 21, 1, 1, 1, 0)
	if _, err := Compare(Maps{Parts: a}, Maps{Parts: b}, 0); err == nil || !strings.Contains(err.Error(), "dims") {
		t.Fatalf("err %v", err)
	}
	for _, tol := range []float64{-1, math.Inf(1), math.NaN()} {
		if _, err := Compare(Maps{Parts: a}, Maps{Parts: a}, tol); err == nil {
			t.Errorf("tolerance %g accepted", tol)
		}
	}
}
