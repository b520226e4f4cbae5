package metrics

import (
	"fmt"
	"math"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// DefaultTolerance is the NSD tolerance in mm of the SAROS paper and
// TotalSegmentator.
const DefaultTolerance = 3.0

// Maps is the pair of label maps of one case or reader; either may be nil
// (that map is then not compared).
type Maps struct {
	Regions, Parts *volume.LabelMap
}

// SliceScores are the scores of the labels present on one axial slice.
type SliceScores struct {
	Slice  int
	Labels []Score
}

// Result is the comparison of two readers' maps of one case.
type Result struct {
	// Labels holds the case scores of every label present in either
	// reader's map on a slice annotated in both, regions first, by value.
	Labels []Score
	// Slices holds the per-slice scores, by slice; a slice is listed when
	// either map is annotated in both readers there.
	Slices []SliceScores
	// Compared lists, per map ("regions", "parts"), the slices annotated
	// in both readers.
	Compared map[string][]int
}

// Compare scores reader B's maps against reader A's with the NSD tolerance
// tol mm (DefaultTolerance when tol is 0). Maps missing in either reader
// are skipped; grids must match (the error says how they differ).
func Compare(a, b Maps, tol float64) (*Result, error) {
	if tol == 0 {
		tol = DefaultTolerance
	}
	if !(tol > 0) || math.IsInf(tol, 0) {
		return nil, fmt.Errorf("compare: tolerance %g mm must be positive and finite", tol)
	}
	r := &Result{Compared: map[string][]int{}}
	perSlice := map[int][]Score{}
	ws := &workspace{}
	for _, m := range []struct {
		a, b  *volume.LabelMap
		table labels.Table
	}{{a.Regions, b.Regions, labels.Regions}, {a.Parts, b.Parts, labels.Parts}} {
		if m.a == nil || m.b == nil {
			continue
		}
		if err := m.a.Grid.SameAs(m.b.Grid, volume.DefaultTolerance); err != nil {
			return nil, fmt.Errorf("compare %s: the second map's %v", m.table.Map, err)
		}
		ks, caseScores, slices := ws.compareMap(m.a, m.b, m.table, tol)
		r.Compared[m.table.Map] = ks
		r.Labels = append(r.Labels, caseScores...)
		for i, k := range ks {
			if len(slices[i]) > 0 || perSlice[k] == nil {
				perSlice[k] = append(perSlice[k], slices[i]...)
			}
		}
	}
	for k := range perSlice {
		r.Slices = append(r.Slices, SliceScores{Slice: k, Labels: perSlice[k]})
	}
	sortSlices(r.Slices)
	return r, nil
}

func sortSlices(s []SliceScores) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Slice < s[j-1].Slice; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// compareMap scores one map pair: the slices annotated in both, the case
// scores per label and the scores per label of each of those slices.
func (ws *workspace) compareMap(a, b *volume.LabelMap, table labels.Table, tol float64) ([]int, []Score, [][]Score) {
	nx, ny := a.Dims[0], a.Dims[1]
	sx, sy := a.Spacing[0], a.Spacing[1]
	lengths := contourLengths(sx, sy)
	ws.zero = grow(ws.zero, nx)
	clear(ws.zero)
	var ks []int
	var mixed [][2]bool
	for k := 0; k < a.Dims[2]; k++ {
		sa, sb := a.SliceState(k), b.SliceState(k)
		if sa != volume.Ignored && sb != volume.Ignored {
			ks = append(ks, k)
			mixed = append(mixed, [2]bool{sa == volume.Mixed, sb == volume.Mixed})
		}
	}
	var tallies [256]*tally
	var cleanB []uint8
	perSlice := make([][]Score, len(ks))
	for si, k := range ks {
		sa := ws.withoutNotAnnotated(a.Axial(k), mixed[si][0], &ws.clean)
		sb := ws.withoutNotAnnotated(b.Axial(k), mixed[si][1], &cleanB)
		ws.census(sa, sb)
		contourPoints(sa, nx, ny, ws.zero, &ws.ptsA)
		contourPoints(sb, nx, ny, ws.zero, &ws.ptsB)
		for v := 1; v < 255; v++ {
			na, nb := ws.histA[v], ws.histB[v]
			if na == 0 && nb == 0 {
				continue // absent from both: no score
			}
			t := tallies[v]
			if t == nil {
				t = &tally{}
				tallies[v] = t
			}
			t.a += na
			t.b += nb
			t.inter += ws.inter[v]
			ab0, ba0 := len(t.ab), len(t.ba)
			pa, pb := ws.ptsA[v], ws.ptsB[v]
			if samePoints(pa, pb) { // every contour point lies on the other
				for _, p := range pa {
					t.ab = append(t.ab, surfel{0, lengths[p.code]})
					t.ba = append(t.ba, surfel{0, lengths[p.code]})
				}
			} else {
				t.ab = ws.nearest(pa, pb, sx, sy, &lengths, t.ab)
				t.ba = ws.nearest(pb, pa, sx, sy, &lengths, t.ba)
			}
			// The slice's surfels are the tail of the case's; scoring sorts
			// them in place, which the case score does not mind.
			st := tally{a: na, b: nb, inter: ws.inter[v], ab: t.ab[ab0:], ba: t.ba[ba0:]}
			perSlice[si] = append(perSlice[si], makeScore(table, uint8(v), &st, tol))
		}
	}
	var scores []Score
	for v, t := range tallies {
		if t != nil {
			scores = append(scores, makeScore(table, uint8(v), t, tol))
		}
	}
	return ks, scores, perSlice
}

func makeScore(table labels.Table, v uint8, t *tally, tol float64) Score {
	s := Score{Map: table.Map, Label: v, Name: table.Name(v), VoxelsA: t.a, VoxelsB: t.b}
	s.Dice, s.NSD, s.HD95 = t.score(tol)
	return s
}
