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
	var ks []int
	for k := 0; k < a.Dims[2]; k++ {
		if a.SliceState(k) != volume.Ignored && b.SliceState(k) != volume.Ignored {
			ks = append(ks, k)
		}
	}
	var tallies [256]*tally
	perSlice := make([][]Score, len(ks))
	for si, k := range ks {
		sa, sb := a.Axial(k), b.Axial(k)
		ws.census(sa, sb, nx, ny)
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
			t.ab, t.ba = ws.labelSurfels(sa, sb, nx, uint8(v), ws.boxesA[v].union(ws.boxesB[v]), sx, sy, &lengths, t.ab, t.ba)
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

// census counts each label's voxels in a and b and where they agree, and
// finds each label's bounding box; 0 and 255 are skipped.
func (ws *workspace) census(a, b []uint8, nx, ny int) {
	clear(ws.histA[:])
	clear(ws.histB[:])
	clear(ws.inter[:])
	for v := range ws.boxesA {
		ws.boxesA[v], ws.boxesB[v] = emptyBox(), emptyBox()
	}
	for y := 0; y < ny; y++ {
		ra, rb := a[y*nx:(y+1)*nx], b[y*nx:(y+1)*nx]
		for x := 0; x < nx; x++ {
			va, vb := ra[x], rb[x]
			if va == vb {
				ws.inter[va]++
			}
			ws.histA[va]++
			ws.histB[vb]++
			if va != 0 {
				extend(&ws.boxesA[va], x, y)
			}
			if vb != 0 {
				extend(&ws.boxesB[vb], x, y)
			}
		}
	}
}

func extend(b *box, x, y int) {
	if x < b.x0 {
		b.x0 = x
	}
	if x > b.x1 {
		b.x1 = x
	}
	if y < b.y0 {
		b.y0 = y
	}
	if y > b.y1 {
		b.y1 = y
	}
}
