package bodycomp

import (
	"github.com/saros-review/saros-review/annotate"
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

// Aggregate is the sum over a set of annotated slices. EstimateML is its
// whole-scan estimate: the slices on the annotation grid times the stride
// (nil when the stride is unknown).
type Aggregate struct {
	Name       string             `json:"name"`
	TorsoOnly  bool               `json:"torso_only"`
	Slices     int                `json:"slices"`
	Tissues    Tissues            `json:"tissues"`
	GridSlices int                `json:"grid_slices"`
	EstimateML map[string]float64 `json:"whole_scan_estimate_ml"`
}

// SliceRow is one annotated slice of the report: volumes in the slice
// and areas (cm²) for the plot.
type SliceRow struct {
	K int `json:"k"`
	// OnGrid says the slice lies on the annotation grid and counts in the
	// whole-scan estimate; Mixed that it is only partly labelled.
	OnGrid  bool               `json:"on_grid"`
	Mixed   bool               `json:"mixed,omitempty"`
	Tissues Tissues            `json:"tissues"`
	AreaCM2 map[string]float64 `json:"area_cm2"`
}

// Report is a case's body composition. Tissues and RegionsML are over the
// annotated slices only; EstimateML is an estimate of the whole scan: the
// slices on the annotation grid times its stride. Grid says how the grid
// was inferred; Warnings say, in words, whatever makes the estimate
// doubtful (slices partly labelled, off the grid or missing; an unknown
// stride, when EstimateML is nil).
type Report struct {
	AnnotatedSlices int                `json:"annotated_slices"`
	Stride          int                `json:"stride"`
	RegularGrid     bool               `json:"regular_grid"`
	Grid            annotate.SliceGrid `json:"grid"`
	Warnings        []string           `json:"warnings,omitempty"`
	VoxelML         float64            `json:"voxel_ml"`
	Tissues         Tissues            `json:"tissues"`
	EstimateML      map[string]float64 `json:"whole_scan_estimate_ml"`
	RegionsML       map[string]float64 `json:"regions_ml"`
	Slices          []SliceRow         `json:"slices"`
	Aggregates      []Aggregate        `json:"aggregates"`
	// Measured are the per-slice sums the report was made from (for the
	// L3 figures, which need them); not part of the JSON.
	Measured []Slice `json:"-"`
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

// sliceGrid infers the annotation grid of measured slices on a grid of nz
// axial slices (the others hold 255).
func sliceGrid(nz int, sl []Slice) annotate.SliceGrid {
	states := make([]volume.SliceState, nz)
	for _, s := range sl {
		if s.K < 0 || s.K >= nz {
			continue
		}
		states[s.K] = volume.Annotated
		if s.Mixed {
			states[s.K] = volume.Mixed
		}
	}
	return annotate.InferSliceGrid(states)
}

// NewReport builds the report of measured slices on grid g, inferring
// the annotation grid from the slices (see annotate.InferSliceGrid).
func NewReport(g volume.Grid, sl []Slice) *Report {
	ml := g.VoxelVolume() / 1000
	cm2 := g.Spacing[0] * g.Spacing[1] / 100
	grid := sliceGrid(g.Dims[2], sl)
	r := &Report{Measured: sl, AnnotatedSlices: len(sl), Stride: grid.Stride, RegularGrid: grid.Regular(), Grid: grid,
		Warnings: grid.Warnings(), VoxelML: ml, RegionsML: map[string]float64{}}
	var regions [256]int64
	for i := range sl {
		s := &sl[i]
		row := SliceRow{K: s.K, OnGrid: grid.On(s.K), Mixed: s.Mixed, Tissues: figures(&s.All, ml), AreaCM2: map[string]float64{}}
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
			var sum, onGrid [NumTissues]Sum
			a := Aggregate{Name: set.name, TorsoOnly: torso}
			for i := range sl {
				if !set.in(&sl[i]) {
					continue
				}
				a.Slices++
				src := &sl[i].All
				if torso {
					src = &sl[i].Torso
				}
				on := grid.On(sl[i].K)
				if on {
					a.GridSlices++
				}
				for t, x := range src {
					sum[t].N += x.N
					sum[t].HUSum += x.HUSum
					if on {
						onGrid[t].N += x.N
					}
				}
			}
			a.Tissues = figures(&sum, ml)
			if grid.Stride > 0 {
				a.EstimateML = make(map[string]float64, NumTissues)
				for t, x := range onGrid {
					a.EstimateML[Keys[t]] = float64(x.N) * ml * float64(grid.Stride)
				}
			}
			r.Aggregates = append(r.Aggregates, a)
		}
	}
	r.Tissues = r.Aggregates[0].Tissues // the whole scan, every voxel
	r.EstimateML = r.Aggregates[0].EstimateML
	return r
}
