package bodycomp

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/labels"
	"github.com/xuri/excelize/v2"
)

// boaCount counts, apart from the production code and straight from BOA's
// TISSUE_DERIVATION_RULES, the voxels and HU sums of each BOA tissue per
// annotated slice, over all voxels (torso false) or torso voxels only.
func boaCount(p *assets.Phantom, torso bool) map[int]map[string][2]float64 {
	out := map[int]map[string][2]float64{}
	n := p.Image.Dims[0] * p.Image.Dims[1]
	in := func(v, lo, hi int16) bool { return v >= lo && v <= hi }
	for _, k := range p.Regions.AnnotatedSlices() {
		m := map[string][2]float64{}
		add := func(name string, hu int16) {
			x := m[name]
			m[name] = [2]float64{x[0] + 1, x[1] + float64(hu)}
		}
		for i := 0; i < n; i++ {
			r, hu := p.Regions.Voxels[k*n+i], p.Image.Voxels[k*n+i]
			if torso && p.Parts.Voxels[k*n+i] != labels.PartTorso {
				continue
			}
			fat := in(hu, -190, -30)
			switch {
			case r == labels.RegionMuscle && in(hu, -29, 150):
				add("muscle", hu)
			case r == labels.RegionBones && in(hu, -1000, 3000):
				add("bone", hu)
			case r == labels.RegionSubcutaneousTissue && fat:
				add("sat", hu)
			case r == labels.RegionAbdominalCavity && fat:
				add("vat", hu)
			case r == labels.RegionMuscle && fat:
				add("imat", hu)
			case r == labels.RegionMediastinum && fat:
				add("pat", hu)
			case r == labels.RegionPericardium && fat:
				add("eat", hu)
			default:
				continue
			}
			if r != labels.RegionBones && fat {
				add("tat", hu)
			}
		}
		out[k] = m
	}
	return out
}

// TestBOAFiguresEqualVoxelCounts: on the demo phantom, with bone voxels
// made impossible (−3000 HU) and metallic (3500 HU), every BOA-named
// figure of every slice and of the whole scan equals the voxel count
// above; the SAROS definitions count those bone voxels, BOA's do not.
func TestBOAFiguresEqualVoxelCounts(t *testing.T) {
	p, err := assets.NewPhantom(assets.DemoConfig)
	if err != nil {
		t.Fatal(err)
	}
	n := p.Image.Dims[0] * p.Image.Dims[1]
	odd := 0
	for _, k := range p.Regions.AnnotatedSlices() {
		for i := 0; i < n && odd < 40*(k+1); i++ {
			if p.Regions.Voxels[k*n+i] == labels.RegionBones && i%3 == 0 {
				p.Image.Voxels[k*n+i] = []int16{-3000, 3500}[odd%2]
				odd++
			}
		}
	}
	if odd == 0 {
		t.Fatal("no bone in the phantom")
	}
	g := p.Image.Grid
	ml := g.VoxelVolume() / 1000
	sarosSl, _ := MeasureWith(p.Image, p.Regions, p.Parts, SAROS)
	sl, err := MeasureWith(p.Image, p.Regions, p.Parts, BOA)
	if err != nil {
		t.Fatal(err)
	}
	var sarosBone, boaBone int64
	for i := range sl {
		sarosBone += sarosSl[i].All[Bone].N
		boaBone += sl[i].All[Bone].N
	}
	if sarosBone-boaBone != int64(odd) {
		t.Fatalf("SAROS bone %d, BOA bone %d, %d voxels out of BOA's range", sarosBone, boaBone, odd)
	}
	r, err := NewBOAReport(g, sl, BOA, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, torso := range []bool{false, true} {
		want := boaCount(p, torso)
		rows := r.Slices
		if torso {
			rows = r.SlicesNoExtr
		}
		if len(rows) != len(want) {
			t.Fatalf("%d slices, want %d", len(rows), len(want))
		}
		total := map[string][2]float64{}
		for _, row := range rows {
			k := int(row["slice_idx"]) // the phantom is LPS: BOA's order is k
			for _, bt := range BOATissues {
				c := want[k][bt.Name]
				if math.Abs(row[bt.Name]-c[0]*ml) > 1e-9 {
					t.Fatalf("torso %v slice %d %s: %g mL, counted %g voxels", torso, k, bt.Name, row[bt.Name], c[0])
				}
				x := total[bt.Name]
				total[bt.Name] = [2]float64{x[0] + c[0], x[1] + c[1]}
			}
		}
		m := r.Aggregated["whole_scan"].Measurements
		if torso {
			m = r.Aggregated["whole_scan"].MeasurementsNoExtr
		}
		for _, bt := range BOATissues {
			c := total[bt.Name]
			if math.Abs(m[bt.Name].Sum-c[0]*ml) > 1e-6 {
				t.Errorf("torso %v %s sum %g, counted %g mL", torso, bt.Name, m[bt.Name].Sum, c[0]*ml)
			}
			if c[0] > 0 && (m[bt.Name].MeanHU == nil || math.Abs(*m[bt.Name].MeanHU-c[1]/c[0]) > 1e-9) {
				t.Errorf("torso %v %s mean HU %v, counted %g", torso, bt.Name, m[bt.Name].MeanHU, c[1]/c[0])
			}
		}
	}
	// The demo's abdominal cavity spans annotated slices 1…36: 180 mm,
	// short of BOA's 200 mm, so BOA would not aggregate it.
	if r.BodyParts["abdomen"] || len(r.SarosReview.Groups) != 1 {
		t.Errorf("body parts %v, groups %v", r.BodyParts, r.SarosReview.Groups)
	}
}

// TestBOAGroups: a longer phantom (abdominal cavity over 200 mm) gets the
// abdominal_cavity group, spanning exactly the slices that hold it.
func TestBOAGroups(t *testing.T) {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{64, 64, 160}, Spacing: [3]float64{7, 7, 5}, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	sl, _ := MeasureWith(p.Image, p.Regions, p.Parts, BOA)
	r, err := NewBOAReport(p.Image.Grid, sl, BOA, map[string][2]int{"L3": {20, 28}})
	if err != nil {
		t.Fatal(err)
	}
	lo, hi, vat := -1, 0, 0.0
	for i := range sl {
		if sl[i].Abdominal() {
			if lo < 0 {
				lo = sl[i].K
			}
			hi = sl[i].K + 1
			vat += float64(sl[i].All[VAT].N) * p.Image.VoxelVolume() / 1000
		}
	}
	g := r.Aggregated["abdominal_cavity"]
	if !r.BodyParts["abdomen"] || g == nil || g.MinSliceIdx != lo || g.MaxSliceIdx != hi {
		t.Fatalf("abdomen %v group %+v, want [%d, %d)", r.BodyParts, g, lo, hi)
	}
	if math.Abs(g.Measurements["vat"].Sum-vat) > 1e-9 {
		t.Errorf("abdominal VAT %g, slices sum to %g", g.Measurements["vat"].Sum, vat)
	}
	if l3 := r.Aggregated["l3"]; l3 == nil || l3.AnnotatedSlices == 0 {
		t.Errorf("vertebra group L3: %+v", l3)
	}
}

// TestDescribeMatchesPandas: values pandas' describe gives for the same
// columns (pandas 1.5: std with n−1, linear quartiles).
func TestDescribeMatchesPandas(t *testing.T) {
	s := describe([]float64{10, 1, 3, 2, 4})
	want := []float64{4, 3.5355339059327378, 1, 2, 3, 4, 10, 20}
	got := []float64{s.Mean, *s.Std, s.Min, s.Q1, s.Q2, s.Q3, s.Max, s.Sum}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("describe %v, want %v", got, want)
		}
	}
	s = describe([]float64{1, 2})
	if s.Q1 != 1.25 || s.Q3 != 1.75 {
		t.Errorf("two values: %+v", s)
	}
	if s = describe([]float64{7}); s.Std != nil || s.Q2 != 7 {
		t.Errorf("one value: %+v", s)
	}
}

// TestL3: L3 areas equal the per-slice areas of the report; SMI is muscle
// area over height squared; the L3 slice comes from BOA's vertebrae.
func TestL3(t *testing.T) {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{96, 96, 60}, Spacing: [3]float64{4, 4, 5}, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	sl, _ := Measure(p.Image, p.Regions, p.Parts)
	rep := NewReport(p.Image.Grid, sl)
	row := rep.Slices[len(rep.Slices)/2]
	l, err := AtL3(p.Image.Grid, sl, row.K, 1.7, "given")
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]float64{"muscle": l.Muscle, "sat": l.SAT, "vat": l.VAT, "imat": l.IMAT} {
		if v != row.AreaCM2[k] {
			t.Errorf("%s at L3 %g cm², slice figure %g", k, v, row.AreaCM2[k])
		}
	}
	if l.Muscle == 0 || math.Abs(*l.SMI-l.Muscle/(1.7*1.7)) > 1e-12 {
		t.Errorf("SMI %v for muscle %g", l.SMI, l.Muscle)
	}
	if _, err := AtL3(p.Image.Grid, sl, row.K+1, 0, ""); err == nil {
		t.Error("a slice that is not annotated accepted")
	}
	if _, err := AtL3(p.Image.Grid, sl, row.K, 17, "given"); err == nil {
		t.Error("a height of 17 m accepted")
	}
	k, err := L3Slice(p.Image.Grid, sl, map[string][2]int{"L3": {row.K - 2, row.K + 4}, "L4": {0, 3}})
	if err != nil || k != row.K {
		t.Errorf("L3 slice %d %v, want %d", k, err, row.K)
	}
	if k, err := L3Slice(p.Image.Grid, sl, map[string][2]int{"l3": {row.K - 2, row.K + 4}}); err != nil || k != row.K {
		t.Errorf("lower-case l3: slice %d %v, want %d", k, err, row.K)
	}
	if _, err := L3Slice(p.Image.Grid, sl, map[string][2]int{"L3": {row.K + 1, row.K + 3}}); err == nil {
		t.Error("L3 without an annotated slice accepted")
	}
}

// TestXLSX: the workbook has the sheets and the figures of the report.
func TestXLSX(t *testing.T) {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{64, 64, 40}, Spacing: [3]float64{6, 6, 5}, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	sl, _ := MeasureWith(p.Image, p.Regions, p.Parts, BOA)
	r, err := NewBOAReport(p.Image.Grid, sl, BOA, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.SarosReview.L3, _ = AtL3(p.Image.Grid, sl, sl[2].K, 1.6, "PatientSize")
	var b bytes.Buffer
	if err := WriteXLSX(&b, "case_000", r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 5 || got[0] != "aggregated" || got[3] != "l3" {
		t.Fatalf("sheets %v", got)
	}
	rows, _ := f.GetRows("slices")
	if len(rows) != len(sl)+1 || rows[0][2] != "muscle_ml" {
		t.Fatalf("slices sheet: %d rows, head %v", len(rows), rows[0])
	}
	v, _ := f.GetCellValue("slices", "C2")
	if want := r.Slices[0]["muscle"]; v == "" || math.Abs(parse(t, v)-want) > 1e-9 {
		t.Errorf("muscle of the first slice %s, want %g", v, want)
	}
	agg, _ := f.GetRows("aggregated")
	if len(agg) != 1+len(r.SarosReview.Groups)*2*len(BOATissues) || agg[1][0] != "whole_scan" || agg[1][5] != "bone" {
		t.Errorf("aggregated sheet: %d rows, first %v", len(agg), agg[1])
	}
}

func parse(t *testing.T, s string) float64 {
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
