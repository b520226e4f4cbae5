package casework

import (
	"fmt"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/metrics"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
)

// Comparison is the open case's current maps (B) scored against the maps
// a revision replaced (A): the proposal when that is the case's first
// revision.
type Comparison struct {
	// Against says what A is ("the proposal", "revision 7").
	Against string
	// A holds the regions and parts voxels of A; B those of the current
	// maps when compared (a copy).
	A, B [2][]uint8
	// Dims is the grid's size.
	Dims [3]int
	// Result is what metrics.Compare gives (NSD at metrics.DefaultTolerance).
	Result *metrics.Result
	// Reader is the login of the second reader when A is their maps.
	Reader string
	// Note says whether the comparison was recorded (the readers'
	// agreement for the lab report), and why not; "" when nothing is.
	Note string
}

// Proposal is the revision whose replaced maps are the case's proposal:
// the first (oldest) one; ok false when the case has none.
func Proposal(revs []review.Revision) (r review.Revision, ok bool) {
	if len(revs) == 0 {
		return r, false
	}
	first := revs[0]
	for _, x := range revs[1:] {
		if x.Created < first.Created || (x.Created == first.Created && x.ID < first.ID) {
			first = x
		}
	}
	return first, true
}

// CompareWith scores the open case's current maps against the maps
// revision r replaced, reading and comparing in the background; then
// gets the comparison on the owner's goroutine (not called when the case
// has left the screen or on an error, which is reported as an event).
func (w *Workspace) CompareWith(r review.Revision, against string, then func(*Comparison)) {
	c := w.open
	if c == nil || c.Loaded == nil || c.Layers.Regions == nil || c.Layers.Parts == nil || w.blindRefuses(c) {
		return
	}
	g := c.Layers.Regions.Grid
	cur := [2][]uint8{clone(c.Layers.Regions.Voxels), clone(c.Layers.Parts.Voxels)}
	w.Go(func() func() {
		cmp, err := compareRevision(c, r, g, cur, against)
		return func() {
			if err != nil {
				w.fail(c, fmt.Sprintf("compare %s with %s", c.ID, against), err)
				return
			}
			if w.open == c {
				then(cmp)
			}
		}
	})
}

func clone(b []uint8) []uint8 { return append([]uint8(nil), b...) }

// compareRevision reads revision r's maps and scores cur against them (in
// a goroutine).
func compareRevision(c *Case, r review.Revision, g volume.Grid, cur [2][]uint8, against string) (*Comparison, error) {
	old, err := revisionMaps(c.Loaded, r)
	if err != nil {
		return nil, err
	}
	return score(old, cur, g, against)
}

// mapIndex is the index of a map name in A and B.
func mapIndex(m string) int {
	if m == labels.Parts.Map {
		return 1
	}
	return 0
}

// WorstSlice is the slice on which label of map m ("regions", "parts")
// scores the lowest Dice (the first such slice); ok false when no slice
// scores it below 1 (the maps agree on the label everywhere).
func (cmp *Comparison) WorstSlice(m string, label uint8) (k int, ok bool) {
	best := 1.0
	for _, s := range cmp.Result.Slices {
		for _, sc := range s.Labels {
			if sc.Map == m && sc.Label == label && sc.Dice < best {
				best, k, ok = sc.Dice, s.Slice, true
			}
		}
	}
	return k, ok
}

// Disagreement marks, on axial slice k, the voxels of label in map m
// that are in A only and in B only. Voxels not annotated (255) in either
// map are not marked; a k outside the grid gives none.
func (cmp *Comparison) Disagreement(m string, label uint8, k int) viewer.Disagreement {
	nx, ny := cmp.Dims[0], cmp.Dims[1]
	if k < 0 || k >= cmp.Dims[2] || label == labels.NotAnnotated {
		return viewer.Disagreement{}
	}
	i := mapIndex(m)
	a, b := cmp.A[i][k*nx*ny:(k+1)*nx*ny], cmp.B[i][k*nx*ny:(k+1)*nx*ny]
	mk := func() viewer.Preview {
		return viewer.Preview{Valid: true, K: k, I1: nx - 1, J1: ny - 1, Mask: make([]bool, nx*ny)}
	}
	d := viewer.Disagreement{OnlyA: mk(), OnlyB: mk()}
	for o := range a {
		va, vb := a[o], b[o]
		if va == vb || va == labels.NotAnnotated || vb == labels.NotAnnotated {
			continue
		}
		d.OnlyA.Mask[o] = va == label
		d.OnlyB.Mask[o] = vb == label
	}
	return d
}
