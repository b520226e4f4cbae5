package annotate

import (
	"fmt"
	"strings"

	"github.com/saros-review/saros-review/volume"
)

// SliceGrid is the annotation grid of a sparse label map: the axial
// slices First, First+Stride, … that the annotators labelled, inferred
// from the fully annotated slices and checked against them. A partially
// labelled (mixed) slice, a stray annotated slice off the grid or a
// missing grid slice never changes the stride; each is listed, and the
// grid is then irregular.
type SliceGrid struct {
	// Stride is the step between grid slices; 0 when it cannot be known
	// (fewer than two fully annotated slices in a map of several slices).
	Stride int `json:"stride"`
	// First and Last are the first and last fully annotated grid slices.
	First int `json:"first"`
	Last  int `json:"last"`
	// OnGrid counts the fully annotated slices on the grid.
	OnGrid int `json:"on_grid"`
	// OffGrid are fully annotated slices that are not on the grid.
	OffGrid []int `json:"off_grid,omitempty"`
	// Mixed are the partially labelled slices (255 and labels), anywhere.
	Mixed []int `json:"mixed,omitempty"`
	// Missing are grid slices between First and Last that are not
	// annotated at all (all 255).
	Missing []int `json:"missing,omitempty"`
}

// InferSliceGrid infers the annotation grid from the states of a map's
// axial slices. Every stride s that is a gap between consecutive fully
// annotated slices, or a divisor of one, is tried with every phase; the
// grid kept is the one that leaves the fewest annotated slices off it plus
// grid slices missing from it (ties: more slices on it, then the smaller
// stride). A dense map has stride 1; the SAROS scheme stride 5 however many
// slices were partly labelled, skipped or labelled off the grid.
func InferSliceGrid(states []volume.SliceState) SliceGrid {
	var full []int
	var g SliceGrid
	for k, st := range states {
		switch st {
		case volume.Annotated:
			full = append(full, k)
		case volume.Mixed:
			g.Mixed = append(g.Mixed, k)
		}
	}
	switch {
	case len(full) == 0:
		return g
	case len(full) == 1:
		g.First, g.Last, g.OnGrid = full[0], full[0], 1
		if len(states) == 1 {
			g.Stride = 1
		}
		return g
	}
	cands := map[int]bool{}
	for x := 1; x < len(full); x++ {
		d := full[x] - full[x-1]
		for s := 1; s*s <= d; s++ {
			if d%s == 0 {
				cands[s], cands[d/s] = true, true
			}
		}
	}
	type fit struct{ s, r, on, first, last, cost int }
	var best fit
	found := false
	count := map[int][3]int{} // phase → on, first, last
	for s := range cands {
		clear(count)
		for _, k := range full {
			c, ok := count[k%s]
			if !ok {
				c = [3]int{0, k, k}
			}
			c[0]++
			c[2] = k
			count[k%s] = c
		}
		for r, c := range count {
			f := fit{s: s, r: r, on: c[0], first: c[1], last: c[2]}
			missing := (f.last-f.first)/s + 1 - f.on
			f.cost = missing + len(full) - f.on
			if !found || f.cost < best.cost || f.cost == best.cost && (f.on > best.on || f.on == best.on && (f.s < best.s || f.s == best.s && f.first < best.first)) {
				best, found = f, true
			}
		}
	}
	g.Stride, g.First, g.Last, g.OnGrid = best.s, best.first, best.last, best.on
	for _, k := range full {
		if !g.On(k) {
			g.OffGrid = append(g.OffGrid, k)
		}
	}
	for k := g.First; k <= g.Last; k += g.Stride {
		if states[k] == volume.Ignored {
			g.Missing = append(g.Missing, k)
		}
	}
	return g
}

// On reports whether slice k lies on the grid (at any distance from First
// and Last); never when the stride is unknown.
func (g SliceGrid) On(k int) bool {
	if g.Stride <= 0 {
		return false
	}
	d := k - g.First
	return d%g.Stride == 0
}

// Regular reports whether the stride is known and every annotated slice
// is fully annotated and on the grid, with no grid slice missing.
func (g SliceGrid) Regular() bool {
	return g.Stride > 0 && len(g.OffGrid) == 0 && len(g.Mixed) == 0 && len(g.Missing) == 0
}

// Warnings say in words what is irregular about the grid (none when it is
// regular), for the body composition panel and the stats command.
func (g SliceGrid) Warnings() []string {
	var w []string
	if g.Stride <= 0 {
		w = append(w, "fewer than two fully annotated slices: the annotation stride is unknown, so there is no whole-scan estimate")
	}
	if len(g.Mixed) > 0 {
		w = append(w, fmt.Sprintf("partially labelled slices %s (255 mixed with labels)", ListSlices(g.Mixed)))
	}
	if len(g.OffGrid) > 0 {
		w = append(w, fmt.Sprintf("annotated slices %s lie off the annotation grid (every %d slices from %d)", ListSlices(g.OffGrid), g.Stride, g.First))
	}
	if len(g.Missing) > 0 {
		w = append(w, fmt.Sprintf("grid slices %s are not annotated", ListSlices(g.Missing)))
	}
	return w
}

// listSlices writes slice numbers as "3, 8, 13", cut after ten.
func ListSlices(ks []int) string {
	var b strings.Builder
	for x, k := range ks {
		if x == 10 {
			fmt.Fprintf(&b, " and %d more", len(ks)-10)
			break
		}
		if x > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, k)
	}
	return b.String()
}
