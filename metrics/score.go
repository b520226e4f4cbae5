package metrics

import "math"

// Score is the agreement of one label between two maps, over one slice or
// a whole case.
type Score struct {
	Map   string // "regions" or "parts"
	Label uint8
	Name  string // "" for a value the map's table does not define
	// VoxelsA and VoxelsB count the label's voxels in A and B.
	VoxelsA, VoxelsB int
	// Dice is 2|A∩B| / (|A|+|B|); 0 when the label is in one map only.
	Dice float64
	// NSD is the normalised surface Dice at the tolerance: the length of
	// both contours lying within the tolerance of the other contour over
	// the length of both contours; 0 when the label is in one map only.
	NSD float64
	// HD95 is the 95th percentile Hausdorff distance in mm, the larger of
	// the two directed length-weighted percentiles; +Inf when undefined
	// (the label in one map only, or more than 5 % of a contour's length on
	// slices where the other map lacks the label).
	HD95 float64
}

// tally accumulates one label's counts and surfels.
type tally struct {
	a, b, inter int
	ab, ba      []surfel
}

// score computes Dice, NSD and HD95 from a tally, as DeepMind's
// surface-distance does from its surface distances.
func (t *tally) score(tol float64) (dice, nsd, hd95 float64) {
	dice = 2 * float64(t.inter) / float64(t.a+t.b)
	var within, total float64
	for _, set := range [][]surfel{t.ab, t.ba} {
		for _, s := range set {
			if s.d <= tol {
				within += s.l
			}
			total += s.l
		}
	}
	nsd = within / total
	hd95 = math.Max(percentile(t.ab, 95), percentile(t.ba, 95))
	return dice, nsd, hd95
}

// tieSlack is how close to percent/100 a cumulative length fraction must
// come to count as reaching it. Contour elements have a handful of
// lengths, so a fraction of exactly 95 % is common (19 of 20 equal
// elements), and rounding in the sums would otherwise decide which side of
// it a sum falls on: numpy's pairwise np.sum and a running sum differ in
// the last bit. With the slack an exact tie reaches the percentile, as it
// does in exact arithmetic.
const tieSlack = 1e-9

// percentile is compute_robust_hausdorff's directed distance: over the
// surfels sorted by distance, the distance of the first whose cumulative
// length reaches percent/100 − tieSlack of the total (the largest distance
// if none does); +Inf for no surfels. Surfels of equal distance give the
// same answer in any order, so a weighted selection (expected linear
// time) stands in for the sort. It reorders s.
func percentile(s []surfel, percent float64) float64 {
	if len(s) == 0 {
		return math.Inf(1)
	}
	var total float64
	for _, x := range s {
		total += x.l
	}
	target := (percent/100 - tieSlack) * total
	for len(s) > 0 {
		// Median of three as the pivot; three-way partition by distance.
		a, b, c := s[0].d, s[len(s)/2].d, s[len(s)-1].d
		pivot := max(min(a, b), min(max(a, b), c))
		lt, gt := 0, len(s)
		var wLess, wEq float64
		for i := 0; i < gt; {
			switch d := s[i].d; {
			case d < pivot:
				wLess += s[i].l
				s[lt], s[i] = s[i], s[lt]
				lt++
				i++
			case d > pivot:
				gt--
				s[gt], s[i] = s[i], s[gt]
			default:
				wEq += s[i].l
				i++
			}
		}
		switch {
		case wLess >= target && lt > 0:
			s = s[:lt]
		case wLess+wEq >= target || gt == len(s):
			return pivot
		default:
			target -= wLess + wEq
			s = s[gt:]
		}
	}
	return math.Inf(1) // not reached: the largest distance reaches the total
}
