package bodycomp

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// BOATissues are BOA's measure names in its order, each with our tissue.
var BOATissues = []struct {
	Name   string
	Tissue Tissue
}{{"bone", Bone}, {"muscle", Muscle}, {"tat", TAT}, {"imat", IMAT}, {"sat", SAT}, {"vat", VAT}, {"pat", PAT}, {"eat", EAT}}

// BOASlice is one entry of bca-measurements' "slices": each tissue's
// volume in the slice in mL. SliceIdx (not in BOA's file, which lists
// every slice) is the slice's index in BOA's order: along the slice axis
// from inferior to superior, as BOA reorients every image to LPS.
type BOASlice struct {
	Bone, Muscle, TAT, IMAT, SAT, VAT, PAT, EAT float64
	SliceIdx                                    int
}

// BOAStats are BOA's descriptive statistics of one tissue over the slices
// of a group (pandas describe: std with n−1, quartiles interpolated
// linearly), in mL per slice, plus the sum in mL and the mean HU; nil
// where pandas gives NaN (std of one slice, mean HU of no voxel).
type BOAStats struct {
	Mean   float64  `json:"mean"`
	Std    *float64 `json:"std"`
	Min    float64  `json:"min"`
	Q1     float64  `json:"q1"`
	Q2     float64  `json:"q2"`
	Q3     float64  `json:"q3"`
	Max    float64  `json:"max"`
	Sum    float64  `json:"sum"`
	MeanHU *float64 `json:"mean_hu"`
}

// BOAGroup is one entry of "aggregated": a range of slices [min, max) and
// its statistics over every voxel and over the torso ("no extremities").
type BOAGroup struct {
	NumSlices          int                 `json:"num_slices"`
	MinSliceIdx        int                 `json:"min_slice_idx"`
	MaxSliceIdx        int                 `json:"max_slice_idx"`
	Measurements       map[string]BOAStats `json:"measurements"`
	MeasurementsNoExtr map[string]BOAStats `json:"measurements_no_extremities"`
	// AnnotatedSlices counts the annotated slices the statistics are over
	// (not in BOA, which measures every slice).
	AnnotatedSlices int `json:"annotated_slices"`
}

// BOAReport is BOA's bca-measurements.json for a sparse case, plus a
// "saros_review" block saying how it was measured.
type BOAReport struct {
	Slices             []map[string]float64 `json:"slices"`
	SlicesNoExtr       []map[string]float64 `json:"slices_no_extremities"`
	Aggregated         map[string]*BOAGroup `json:"aggregated"`
	BodyParts          map[string]bool      `json:"body_parts"`
	BMD                map[string]any       `json:"bmd"`
	SarosReview        BOAContext           `json:"saros_review"`
	groupOrder         []string
	slices, slicesNoEx []BOASlice
}

// BOAContext says how the figures were made.
type BOAContext struct {
	Definitions         Definitions `json:"definitions"`
	AnnotatedSlicesOnly bool        `json:"annotated_slices_only"`
	Stride              int         `json:"stride"`
	Units               string      `json:"units"`
	Groups              []string    `json:"groups"` // aggregated's keys in order
	L3                  *L3         `json:"l3,omitempty"`
	// Warnings are MeasureWarnings of the case, when the caller adds them.
	Warnings []string `json:"warnings,omitempty"`
}

// boaIndex maps slice k of grid g to BOA's slice index (inferior first),
// or fails when the slice axis is not head to foot.
func boaIndex(g volume.Grid) (func(k int) int, error) {
	switch g.AxCodes()[2] {
	case 'S':
		return func(k int) int { return k }, nil
	case 'I':
		return func(k int) int { return g.Dims[2] - 1 - k }, nil
	}
	return nil, fmt.Errorf("BOA figures: the slice axis points %c; BOA needs axial slices", g.AxCodes()[2])
}

// NewBOAReport builds BOA's measurements from measured slices on grid g
// (measured with the definitions d). Groups follow BOA's rules on the
// annotated slices: the whole scan; the abdominal cavity when its slices
// span at least 200 mm; the thoracic cavity (thoracic cavity,
// mediastinum, pericardium), mediastinum and pericardium when the thorax
// spans 200 mm and meets the abdomen; the ventral cavity when both; then
// vertebrae (BOA's vertebrae.json: name to [first, last+1) in BOA's slice
// order), when given.
func NewBOAReport(g volume.Grid, sl []Slice, d Definitions, vertebrae map[string][2]int) (*BOAReport, error) {
	idx, err := boaIndex(g)
	if err != nil {
		return nil, err
	}
	ml := g.VoxelVolume() / 1000
	r := &BOAReport{Aggregated: map[string]*BOAGroup{}, BodyParts: map[string]bool{}, BMD: map[string]any{},
		SarosReview: BOAContext{Definitions: d, AnnotatedSlicesOnly: true, Stride: sliceGrid(g.Dims[2], sl).Stride,
			Units: "slices: mL in the slice; aggregated: mean/std/min/q1/q2/q3/max in mL per slice, sum in mL over the annotated slices, mean_hu in HU"}}
	order := make([]int, len(sl))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return idx(sl[order[a]].K) < idx(sl[order[b]].K) })
	for _, i := range order {
		a, t := boaSlice(&sl[i].All, ml), boaSlice(&sl[i].Torso, ml)
		a.SliceIdx, t.SliceIdx = idx(sl[i].K), idx(sl[i].K)
		r.slices, r.slicesNoEx = append(r.slices, a), append(r.slicesNoEx, t)
		r.Slices, r.SlicesNoExtr = append(r.Slices, a.record()), append(r.SlicesNoExtr, t.record())
	}
	// Slice extents of regions, in BOA's order.
	extent := func(rs ...uint8) (lo, hi int, ok bool) {
		for i := range sl {
			for _, v := range rs {
				if sl[i].Regions[v] > 0 {
					z := idx(sl[i].K)
					if !ok || z < lo {
						lo = z
					}
					if !ok || z+1 > hi {
						hi = z + 1
					}
					ok = true
				}
			}
		}
		return
	}
	thick := g.Spacing[2]
	aLo, aHi, aOK := extent(labels.RegionAbdominalCavity)
	abdomen := aOK && float64(aHi-aLo)*thick >= 200
	tLo, tHi, tOK := extent(labels.RegionThoracicCavity, labels.RegionMediastinum, labels.RegionPericardium)
	both := false
	for i := range sl {
		both = both || (sl[i].Abdominal() && sl[i].Thoracic())
	}
	thorax := tOK && both && float64(tHi-tLo)*thick >= 200
	_, mHi, mOK := extent(labels.RegionMediastinum)
	r.BodyParts["abdomen"] = abdomen
	r.BodyParts["thorax"] = thorax
	r.BodyParts["neck"] = mOK && float64(g.Dims[2]-(mHi-1))*thick >= 100
	r.add("whole_scan", 0, g.Dims[2])
	if abdomen && thorax {
		r.add("ventral_cavity", aLo, tHi)
	}
	if abdomen {
		r.add("abdominal_cavity", aLo, aHi)
	}
	if thorax {
		r.add("thoracic_cavity", tLo, tHi)
		if lo, hi, ok := extent(labels.RegionMediastinum); ok {
			r.add("mediastinum", lo, hi)
		}
		if lo, hi, ok := extent(labels.RegionPericardium); ok {
			r.add("pericardium", lo, hi)
		}
	}
	names := make([]string, 0, len(vertebrae))
	for n := range vertebrae {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := vertebrae[n]
		r.add(strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(n)), v[0], v[1])
	}
	sumOf := func(s *[NumTissues]Sum, t Tissue) Sum { return s[t] }
	// Mean HU from the voxel sums of the slices in each group.
	for _, name := range r.groupOrder {
		grp := r.Aggregated[name]
		for _, torso := range []bool{false, true} {
			dst := grp.Measurements
			if torso {
				dst = grp.MeasurementsNoExtr
			}
			for _, bt := range BOATissues {
				var s Sum
				for i := range sl {
					if z := idx(sl[i].K); z < grp.MinSliceIdx || z >= grp.MaxSliceIdx {
						continue
					}
					src := &sl[i].All
					if torso {
						src = &sl[i].Torso
					}
					x := sumOf(src, bt.Tissue)
					s.N += x.N
					s.HUSum += x.HUSum
				}
				st := dst[bt.Name]
				if s.N > 0 {
					m := float64(s.HUSum) / float64(s.N)
					st.MeanHU = &m
				}
				dst[bt.Name] = st
			}
		}
	}
	r.SarosReview.Groups = r.groupOrder
	return r, nil
}

// add makes a group of the annotated slices with BOA index in [lo, hi).
func (r *BOAReport) add(name string, lo, hi int) {
	g := &BOAGroup{NumSlices: hi - lo, MinSliceIdx: lo, MaxSliceIdx: hi,
		Measurements: map[string]BOAStats{}, MeasurementsNoExtr: map[string]BOAStats{}}
	for _, torso := range []bool{false, true} {
		src, dst := r.slices, g.Measurements
		if torso {
			src, dst = r.slicesNoEx, g.MeasurementsNoExtr
		}
		for _, bt := range BOATissues {
			var v []float64
			for _, s := range src {
				if s.SliceIdx >= lo && s.SliceIdx < hi {
					v = append(v, s.value(bt.Name))
				}
			}
			dst[bt.Name] = describe(v)
			g.AnnotatedSlices = len(v)
		}
	}
	r.Aggregated[name] = g
	r.groupOrder = append(r.groupOrder, name)
}

// boaSlice is a slice's volumes in mL.
func boaSlice(s *[NumTissues]Sum, ml float64) BOASlice {
	v := func(t Tissue) float64 { return float64(s[t].N) * ml }
	return BOASlice{Bone: v(Bone), Muscle: v(Muscle), TAT: v(TAT), IMAT: v(IMAT), SAT: v(SAT), VAT: v(VAT), PAT: v(PAT), EAT: v(EAT)}
}

// value returns a tissue's volume by BOA name.
func (s BOASlice) value(name string) float64 {
	switch name {
	case "bone":
		return s.Bone
	case "muscle":
		return s.Muscle
	case "tat":
		return s.TAT
	case "imat":
		return s.IMAT
	case "sat":
		return s.SAT
	case "vat":
		return s.VAT
	case "pat":
		return s.PAT
	}
	return s.EAT
}

// record is the slice as BOA writes it, with slice_idx added.
func (s BOASlice) record() map[string]float64 {
	m := map[string]float64{"slice_idx": float64(s.SliceIdx)}
	for _, bt := range BOATissues {
		m[bt.Name] = s.value(bt.Name)
	}
	return m
}

// describe is pandas' describe of a column plus its sum: mean, sample
// standard deviation, min, quartiles by linear interpolation, max.
func describe(v []float64) BOAStats {
	var st BOAStats
	if len(v) == 0 {
		return st
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	for _, x := range s {
		st.Sum += x
	}
	st.Mean = st.Sum / float64(len(s))
	if len(s) > 1 {
		var ss float64
		for _, x := range s {
			ss += (x - st.Mean) * (x - st.Mean)
		}
		sd := math.Sqrt(ss / float64(len(s)-1))
		st.Std = &sd
	}
	q := func(p float64) float64 {
		h := p * float64(len(s)-1)
		lo := math.Floor(h)
		if int(lo)+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[int(lo)] + (h-lo)*(s[int(lo)+1]-s[int(lo)])
	}
	st.Min, st.Q1, st.Q2, st.Q3, st.Max = s[0], q(0.25), q(0.5), q(0.75), s[len(s)-1]
	return st
}
