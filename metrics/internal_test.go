package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortedPercentile is the definition, by sorting (as the peer does).
func sortedPercentile(s []surfel, percent float64) float64 {
	if len(s) == 0 {
		return math.Inf(1)
	}
	s = slices.Clone(s)
	slices.SortFunc(s, func(x, y surfel) int {
		if x.d != y.d {
			if x.d < y.d {
				return -1
			}
			return 1
		}
		if x.l < y.l {
			return -1
		} else if x.l > y.l {
			return 1
		}
		return 0
	})
	var total, cum float64
	for _, x := range s {
		total += x.l
	}
	for _, x := range s {
		cum += x.l
		if cum/total >= percent/100-tieSlack {
			return x.d
		}
	}
	return s[len(s)-1].d
}

// The weighted selection gives the sorted definition's answer, with many
// ties (a few distances and lengths), exact 95 % ties (20 equal lengths),
// infinities and single elements.
func TestPercentileMatchesSorting(t *testing.T) {
	rnd := rand.New(rand.NewPCG(95, 5))
	for trial := 0; trial < 2000; trial++ {
		n := 1 + rnd.IntN(60)
		if trial%7 == 0 {
			n = 20
		}
		s := make([]surfel, n)
		for i := range s {
			s[i] = surfel{float64(rnd.IntN(1 + trial%9)), []float64{0.9, 1.3, 0.55}[rnd.IntN(1+trial%3)]}
			if trial%11 == 0 && rnd.IntN(4) == 0 {
				s[i].d = math.Inf(1)
			}
		}
		for _, p := range []float64{95, 50, 100, 0} {
			want := sortedPercentile(s, p)
			if got := percentile(slices.Clone(s), p); got != want {
				t.Fatalf("trial %d, %g%% of %v: %g, sorted %g", trial, p, s, got, want)
			}
		}
	}
}

// naiveContours lists each label's contour points by looking at every
// corner's four pixels.
func naiveContours(s []uint8, nx, ny int) map[uint8][]point {
	at := func(x, y int) uint8 {
		if x < 0 || y < 0 || x >= nx || y >= ny {
			return 0
		}
		return s[x+y*nx]
	}
	out := map[uint8][]point{}
	for y := 0; y <= ny; y++ {
		for x := 0; x <= nx; x++ {
			for v := 1; v < 256; v++ {
				c := b2u(at(x-1, y-1) == uint8(v))<<3 | b2u(at(x, y-1) == uint8(v))<<2 | b2u(at(x-1, y) == uint8(v))<<1 | b2u(at(x, y) == uint8(v))
				if c != 0 && c != 15 {
					out[uint8(v)] = append(out[uint8(v)], point{int32(x), int32(y), c})
				}
			}
		}
	}
	return out
}

// The word-skipping corner scan finds exactly the naive contour points, and
// the column search finds exactly the transform's distances.
func TestContoursAndSearchMatchReferences(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 3))
	ws := &workspace{}
	for trial := 0; trial < 40; trial++ {
		nx, ny := 2+rnd.IntN(70), 2+rnd.IntN(50)
		var pair [2][]uint8
		for r := range pair {
			m := sparseMap(nx, ny, 1, 1, 1, 0)
			blobs(m, rnd, 3)
			pair[r] = m.Voxels
		}
		ws.zero = make([]uint8, nx)
		contourPoints(pair[0], nx, ny, ws.zero, &ws.ptsA)
		contourPoints(pair[1], nx, ny, ws.zero, &ws.ptsB)
		want := naiveContours(pair[0], nx, ny)
		for v := 1; v < 256; v++ {
			if !samePoints(ws.ptsA[v], want[uint8(v)]) {
				t.Fatalf("trial %d label %d: %v, naive %v", trial, v, ws.ptsA[v], want[uint8(v)])
			}
		}
		sx, sy := 0.4+rnd.Float64(), 0.4+rnd.Float64()
		lengths := contourLengths(sx, sy)
		for v := 1; v <= 3; v++ {
			q, f := ws.ptsA[v], ws.ptsB[v]
			if len(q) == 0 || len(f) == 0 {
				continue
			}
			search := ws.nearest(q, f, sx, sy, &lengths, nil)
			viaEDT := ws.transform(q, f, 0, 0, nx, ny, sx, sy, &lengths, nil)
			for i := range search {
				if math.Abs(search[i].d-viaEDT[i].d) > 1e-12 || search[i].l != viaEDT[i].l {
					t.Fatalf("trial %d label %d point %v: search %v, transform %v", trial, v, q[i], search[i], viaEDT[i])
				}
			}
		}
	}
}

// With no search budget every distance comes from the transform: the
// scores are the same as the search's.
func TestTransformFallbackGivesTheSameScores(t *testing.T) {
	rnd := rand.New(rand.NewPCG(4, 4))
	a := sparseMap(80, 60, 6, 0.7, 1.3, 0, 5)
	b := sparseMap(80, 60, 6, 0.7, 1.3, 0, 5)
	blobs(a, rnd, 5)
	blobs(b, rnd, 5)
	want, err := Compare(Maps{Regions: a}, Maps{Regions: b}, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { searchBudget = n }(searchBudget)
	searchBudget = 0
	got, err := Compare(Maps{Regions: a}, Maps{Regions: b}, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range want.Labels {
		if g := got.Labels[i]; g != s {
			t.Errorf("label %d: search %+v, transform %+v", s.Label, s, g)
		}
	}
}
