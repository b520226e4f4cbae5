package volume

import (
	"math"
	"strings"
	"testing"
)

func diag(x, y, z float64) Mat4 {
	return Mat4{{x, 0, 0, 0}, {0, y, 0, 0}, {0, 0, z, 0}, {0, 0, 0, 1}}
}

func TestAxCodes(t *testing.T) {
	rot := func(deg float64) Mat4 { // about z
		s, c := math.Sincos(deg * math.Pi / 180)
		return Mat4{{c, -s, 0, 0}, {s, c, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}
	}
	for _, tc := range []struct {
		m    Mat4
		want string
	}{
		{diag(-0.8, -0.8, 5), "LPS"},
		{diag(0.8, 0.8, 5), "RAS"},
		{diag(-0.7, 0.7, 2.5), "LAS"},
		{diag(1, -1, -1), "RPI"},
		{Mat4{{0, 0, -3, 0}, {-1.2, 0, 0, 0}, {0, 1.1, 0, 0}, {0, 0, 0, 1}}, "PSL"},
		{rot(30).Mul(diag(-1, -1, 1)), "LPS"},
		{rot(60).Mul(diag(-1, -1, 1)), "PRS"},
		{Mat4{{1, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}, "R?S"},
	} {
		if got := AxCodes(tc.m); got != tc.want {
			t.Errorf("AxCodes(%v) = %s, want %s", tc.m, got, tc.want)
		}
	}
}

func TestInverse(t *testing.T) {
	m := Mat4{{0, 0, -3, 50}, {-1.2, 0, 0, 80}, {0, 1.1, 0.2, -20}, {0, 0, 0, 1}}
	inv, err := m.Inverse()
	if err != nil {
		t.Fatal(err)
	}
	p := [3]float64{3, 4.5, -2}
	q := inv.Apply(m.Apply(p))
	for i := range p {
		if math.Abs(p[i]-q[i]) > 1e-12 {
			t.Fatalf("round trip %v -> %v", p, q)
		}
	}
	if _, err := diag(1, 0, 1).Inverse(); err != ErrSingular {
		t.Errorf("singular affine inverted: %v", err)
	}
}

func testGrid() Grid {
	return Grid{Dims: [3]int{4, 3, 5}, Spacing: [3]float64{0.8, 0.8, 5}, Affine: diag(-0.8, -0.8, 5)}
}

// TestPlanes: each plane visits exactly the voxels with its fixed index,
// u along the lower free axis and v along the higher.
func TestPlanes(t *testing.T) {
	g := testGrid()
	src := make([]int, g.Len())
	for i := range src {
		src[i] = i
	}
	for a := AxisI; a <= AxisK; a++ {
		for n := 0; n < g.Dims[a]; n++ {
			p, err := g.Plane(a, n)
			if err != nil {
				t.Fatal(err)
			}
			got := CopyPlane(src, p, nil)
			for v := 0; v < p.H; v++ {
				for u := 0; u < p.W; u++ {
					ijk := p.Voxel(u, v)
					if ijk[a] != n || got[v*p.W+u] != g.Index(ijk[0], ijk[1], ijk[2]) {
						t.Fatalf("axis %s slice %d pixel (%d,%d): voxel %v value %d", a, n, u, v, ijk, got[v*p.W+u])
					}
				}
			}
		}
	}
	if _, err := g.Plane(AxisK, 5); err == nil {
		t.Error("plane outside the grid accepted")
	}
}

func TestSliceStates(t *testing.T) {
	m := NewLabelMap(testGrid())
	for k := 0; k < 5; k++ {
		s := m.Axial(k)
		for i := range s {
			switch k {
			case 1, 2, 4:
				s[i] = NotAnnotated
			}
		}
	}
	m.Set(2, 1, 4, 3) // slice 4 now mixed
	want := []SliceState{Annotated, Ignored, Ignored, Annotated, Mixed}
	for k, st := range m.SliceStates() {
		if st != want[k] {
			t.Errorf("slice %d: %s, want %s", k, st, want[k])
		}
	}
	if got := m.AnnotatedSlices(); len(got) != 3 || got[0] != 0 || got[1] != 3 || got[2] != 4 {
		t.Errorf("annotated slices %v", got)
	}
}

func TestSameAs(t *testing.T) {
	g := testGrid()
	o := g
	o.Spacing[2] *= 1 + 5e-4
	o.Affine[0][3] += 5e-4
	if err := g.SameAs(o, DefaultTolerance); err != nil {
		t.Errorf("within tolerance: %v", err)
	}
	o.Dims[2]++
	if err := g.SameAs(o, DefaultTolerance); err == nil || !strings.Contains(err.Error(), "dims 4×3×6 do not match 4×3×5") {
		t.Errorf("dims: %v", err)
	}
	o = g
	o.Affine[1][3] += 0.01
	if err := g.SameAs(o, DefaultTolerance); err == nil || !strings.Contains(err.Error(), "origin") {
		t.Errorf("origin: %v", err)
	}
	o = g
	o.Affine[0][1] = 0.01
	if err := g.SameAs(o, DefaultTolerance); err == nil || !strings.Contains(err.Error(), "direction") {
		t.Errorf("direction: %v", err)
	}
}

func TestValidate(t *testing.T) {
	g := testGrid()
	g.Spacing[1] = math.NaN()
	if err := g.Validate(); err == nil {
		t.Error("NaN spacing accepted")
	}
	g = testGrid()
	g.Dims[0] = 0
	if err := g.Validate(); err == nil {
		t.Error("zero dim accepted")
	}
}

// BenchmarkSliceStates: classifying every axial slice of a 512×512×110
// label map.
func BenchmarkSliceStates(b *testing.B) {
	m := NewLabelMap(Grid{Dims: [3]int{512, 512, 110}, Spacing: [3]float64{0.8, 0.8, 5}, Affine: Identity4})
	for k := 0; k < 110; k++ {
		if k%5 != 0 {
			s := m.Axial(k)
			for i := range s {
				s[i] = NotAnnotated
			}
		}
	}
	b.SetBytes(int64(len(m.Voxels)))
	for i := 0; i < b.N; i++ {
		m.SliceStates()
	}
}

// TestResampleSlices: 1 mm slices become 5 mm ones, interpolated linearly,
// with the affine's slice step scaled; SparseLabels annotates every fifth.
func TestResampleSlices(t *testing.T) {
	g := Grid{Dims: [3]int{2, 1, 12}, Spacing: [3]float64{1, 1, 1.25}, Affine: diag(-1, -1, 1.25)}
	im := NewImage(g)
	for k := 0; k < 12; k++ {
		im.Set(0, 0, k, int16(10*k))
		im.Set(1, 0, k, 7)
	}
	out := ResampleSlices(im, 5)
	if out.Dims[2] != 3 || out.Spacing[2] != 5 || out.Affine[2][2] != 5 {
		t.Fatalf("dims %v spacing %v affine %v", out.Dims, out.Spacing, out.Affine)
	}
	for k, want := range []int16{0, 40, 80} {
		if out.At(0, 0, k) != want || out.At(1, 0, k) != 7 {
			t.Errorf("slice %d: %d %d", k, out.At(0, 0, k), out.At(1, 0, k))
		}
	}
	im2 := NewImage(Grid{Dims: [3]int{1, 1, 4}, Spacing: [3]float64{1, 1, 3}, Affine: diag(1, 1, 3)})
	for k := range im2.Voxels {
		im2.Voxels[k] = int16(100 * (k + 1))
	}
	out2 := ResampleSlices(im2, 5) // slices at 0, 5, (10 is past the last at 9 → 0)
	if out2.Dims[2] != 2 || out2.At(0, 0, 0) != 100 || out2.At(0, 0, 1) != 267 {
		t.Errorf("resampled %v", out2.Voxels)
	}
	m := SparseLabels(out.Grid)
	if st := m.SliceStates(); st[0] != Annotated || st[1] != Ignored || st[2] != Ignored {
		t.Errorf("states %v", st)
	}
}
