package bodycomp

import (
	"fmt"
	"math"
	"strings"

	"github.com/saros-review/saros-review/volume"
)

// L3 is the body composition at the third lumbar vertebra: the tissue
// areas of one annotated axial slice and, with a height, the skeletal
// muscle index.
type L3 struct {
	K      int     `json:"k"`      // the slice in the case's own order
	Source string  `json:"source"` // "given" or the vertebrae.json it came from
	Muscle float64 `json:"muscle_cm2"`
	SAT    float64 `json:"sat_cm2"`
	VAT    float64 `json:"vat_cm2"`
	IMAT   float64 `json:"imat_cm2"`
	// HeightM is the patient's height in metres (0: unknown) and
	// HeightSource where it came from ("PatientSize" or "given").
	HeightM      float64  `json:"height_m,omitempty"`
	HeightSource string   `json:"height_source,omitempty"`
	SMI          *float64 `json:"smi_cm2_per_m2,omitempty"` // muscle area / height²
}

// AtL3 reads the L3 figures off the measured slice k (which must be an
// annotated slice). heightM ≤ 0 leaves SMI out; a height outside
// 0.5…2.5 m is refused.
func AtL3(g volume.Grid, sl []Slice, k int, heightM float64, heightSource string) (*L3, error) {
	var s *Slice
	for i := range sl {
		if sl[i].K == k {
			s = &sl[i]
		}
	}
	if s == nil {
		return nil, fmt.Errorf("L3: slice %d is not an annotated slice", k)
	}
	cm2 := g.Spacing[0] * g.Spacing[1] / 100
	a := func(t Tissue) float64 { return float64(s.All[t].N) * cm2 }
	l := &L3{K: k, Source: "given", Muscle: a(Muscle), SAT: a(SAT), VAT: a(VAT), IMAT: a(IMAT)}
	if heightM > 0 {
		if heightM < 0.5 || heightM > 2.5 || math.IsNaN(heightM) {
			return nil, fmt.Errorf("L3: height %g m is not a human height (0.5 to 2.5 m)", heightM)
		}
		smi := l.Muscle / (heightM * heightM)
		l.HeightM, l.HeightSource, l.SMI = heightM, heightSource, &smi
	}
	return l, nil
}

// L3Slice picks the L3 slice from BOA vertebrae ranges: the annotated
// slice nearest the middle of L3's range, in the case's own order; it
// fails when there is no L3 or no annotated slice inside its range.
func L3Slice(g volume.Grid, sl []Slice, vertebrae map[string][2]int) (int, error) {
	var r [2]int
	ok := false
	for n, v := range vertebrae {
		if strings.EqualFold(strings.TrimSpace(n), "L3") {
			r, ok = v, true
		}
	}
	if !ok {
		return 0, fmt.Errorf("L3: the vertebrae list has no L3")
	}
	idx, err := boaIndex(g)
	if err != nil {
		return 0, err
	}
	if r[1] > g.Dims[2] {
		return 0, fmt.Errorf("L3: range [%d, %d) lies beyond the case's %d slices", r[0], r[1], g.Dims[2])
	}
	mid := float64(r[0]+r[1]-1) / 2
	best, bestD := -1, math.Inf(1)
	for i := range sl {
		z := idx(sl[i].K)
		if z < r[0] || z >= r[1] {
			continue
		}
		if d := math.Abs(float64(z) - mid); d < bestD {
			best, bestD = sl[i].K, d
		}
	}
	if best < 0 {
		return 0, fmt.Errorf("L3: no annotated slice within L3 (BOA slices %d to %d)", r[0], r[1]-1)
	}
	return best, nil
}
