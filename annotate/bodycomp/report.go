package bodycomp

import (
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// Figure is a tissue's volume and mean HU (0 when there is none).
type Figure struct {
	ML     float64 `json:"ml"`
	MeanHU float64 `json:"mean_hu"`
}

// Tissues are figures keyed by tissue key (Keys).
type Tissues map[string]Figure

// Aggregate is the sum over a set of annotated slices.
type Aggregate struct {
	Name      string  `json:"name"`
	TorsoOnly bool    `json:"torso_only"`
	Slices    int     `json:"slices"`
	Tissues   Tissues `json:"tissues"`
}

// SliceRow is one annotated slice of the report: volumes in the slice
// and areas (cm²) for the plot.
type SliceRow struct {
	K       int                `json:"k"`
	Tissues Tissues            `json:"tissues"`
	AreaCM2 map[string]float64 `json:"area_cm2"`
}

// Report is a case's body composition. Tissues and RegionsML are over the
// annotated slices only; EstimateML multiplies them by the annotation
// stride and is an estimate of the whole scan.
type Report struct {
	AnnotatedSlices int                `json:"annotated_slices"`
	Stride          int                `json:"stride"`
	VoxelML         float64            `json:"voxel_ml"`
	Tissues         Tissues            `json:"tissues"`
	EstimateML      map[string]float64 `json:"whole_scan_estimate_ml"`
	RegionsML       map[string]float64 `json:"regions_ml"`
	Slices          []SliceRow         `json:"slices"`
	Aggregates      []Aggregate        `json:"aggregates"`
}

// figures turns sums into figures.
func figures(s *[NumTissues]Sum, voxelML float64) Tissues {
	t := make(Tissues, NumTissues)
	for i, x := range s {
		f := Figure{ML: float64(x.N) * voxelML}
		if x.N > 0 {
			f.MeanHU = float64(x.HUSum) / float64(x.N)
		}
		t[Keys[i]] = f
	}
	return t
}

// stride is the step between annotated slices (the smallest gap; 1 for a
// dense or single-slice map).
func stride(sl []Slice) int {
	st := 0
	for i := 1; i < len(sl); i++ {
		if d := sl[i].K - sl[i-1].K; st == 0 || d < st {
			st = d
		}
	}
	return max(st, 1)
}

// NewReport builds the report of measured slices on grid g.
func NewReport(g volume.Grid, sl []Slice) *Report {
	ml := g.VoxelVolume() / 1000
	cm2 := g.Spacing[0] * g.Spacing[1] / 100
	r := &Report{AnnotatedSlices: len(sl), Stride: stride(sl), VoxelML: ml,
		EstimateML: map[string]float64{}, RegionsML: map[string]float64{}}
	var regions [256]int64
	for i := range sl {
		s := &sl[i]
		row := SliceRow{K: s.K, Tissues: figures(&s.All, ml), AreaCM2: map[string]float64{}}
		for t, x := range s.All {
			row.AreaCM2[Keys[t]] = float64(x.N) * cm2
		}
		for v, n := range s.Regions {
			regions[v] += n
		}
		r.Slices = append(r.Slices, row)
	}
	for _, l := range labels.Regions.Labels {
		if l.Value != 0 {
			r.RegionsML[l.Name] = float64(regions[l.Value]) * ml
		}
	}
	sets := []struct {
		name string
		in   func(*Slice) bool
	}{
		{"whole scan", func(*Slice) bool { return true }},
		{"abdominal cavity slices", (*Slice).Abdominal},
		{"thoracic cavity slices", (*Slice).Thoracic},
	}
	for _, torso := range []bool{false, true} {
		for _, set := range sets {
			var sum [NumTissues]Sum
			n := 0
			for i := range sl {
				if !set.in(&sl[i]) {
					continue
				}
				n++
				src := &sl[i].All
				if torso {
					src = &sl[i].Torso
				}
				for t, x := range src {
					sum[t].N += x.N
					sum[t].HUSum += x.HUSum
				}
			}
			r.Aggregates = append(r.Aggregates, Aggregate{Name: set.name, TorsoOnly: torso, Slices: n, Tissues: figures(&sum, ml)})
		}
	}
	r.Tissues = r.Aggregates[0].Tissues // the whole scan, every voxel
	for k, f := range r.Tissues {
		r.EstimateML[k] = f.ML * float64(r.Stride)
	}
	return r
}
