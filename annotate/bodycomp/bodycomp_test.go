package bodycomp

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// grid10 is a 10×10×10 grid of 2×2×3 mm voxels (0.012 mL each).
func grid10() volume.Grid {
	return volume.Grid{Dims: [3]int{10, 10, 10}, Spacing: [3]float64{2, 2, 3}, Affine: volume.Mat4{{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 3, 0}, {0, 0, 0, 1}}}
}

// TestHandComputedVolumes: a synthetic case whose tissue volumes were
// counted by hand, with the HU bounds hit exactly (inclusive).
func TestHandComputedVolumes(t *testing.T) {
	g := grid10()
	im, reg, par := volume.NewImage(g), volume.SparseLabels(g), volume.SparseLabels(g)
	// SparseLabels annotates slices 0 and 5.
	set := func(k, i, j int, r, p uint8, hu int16) {
		reg.Set(i, j, k, r)
		par.Set(i, j, k, p)
		im.Set(i, j, k, hu)
	}
	for k := range []int{0, 5} {
		k *= 5
		for i := 0; i < 4; i++ { // 4 muscle voxels at the bounds
			set(k, i, 0, labels.RegionMuscle, labels.PartTorso, []int16{-29, 150, 40, -30}[i])
		}
		set(k, 0, 1, labels.RegionMuscle, labels.PartRightArm, 151) // neither muscle nor fat
		set(k, 1, 1, labels.RegionSubcutaneousTissue, labels.PartTorso, -190)
		set(k, 2, 1, labels.RegionSubcutaneousTissue, labels.PartRightArm, -100)
		set(k, 3, 1, labels.RegionSubcutaneousTissue, labels.PartTorso, -191) // too low
		set(k, 0, 2, labels.RegionBones, labels.PartTorso, 900)
		set(k, 1, 2, labels.RegionBones, labels.PartTorso, -500)
		set(k, 2, 2, labels.RegionPericardium, labels.PartTorso, -50)
		set(k, 3, 2, labels.RegionMediastinum, labels.PartTorso, -60)
	}
	set(5, 0, 3, labels.RegionAbdominalCavity, labels.PartTorso, -80) // VAT on slice 5 only
	im.Set(0, 0, 3, -100)                                             // a not-annotated slice counts for nothing
	sl, err := Measure(im, reg, par)
	if err != nil {
		t.Fatal(err)
	}
	r := NewReport(g, sl)
	ml := 0.012
	want := map[string][2]float64{ // voxels, mean HU
		"muscle": {6, (-29 + 150 + 40) * 2 / 6.0},
		"imat":   {2, -30},
		"sat":    {4, (-190 - 100) / 2.0},
		"vat":    {1, -80},
		"pat":    {2, -60},
		"eat":    {2, -50},
		"bone":   {4, 200},
		"tat":    {11, (2*-30 + 2*-190 + 2*-100 - 80 + 2*-60 + 2*-50) / 11.0},
	}
	for k, w := range want {
		f := r.Tissues[k]
		if math.Abs(f.ML-w[0]*ml) > 1e-9 || math.Abs(f.MeanHU-w[1]) > 1e-9 {
			t.Errorf("%s: %.4f mL mean %.2f HU, want %.4f mL %.2f HU", k, f.ML, f.MeanHU, w[0]*ml, w[1])
		}
		if math.Abs(r.EstimateML[k]-5*w[0]*ml) > 1e-9 {
			t.Errorf("%s estimate %.4f", k, r.EstimateML[k])
		}
	}
	if r.Stride != 5 || r.AnnotatedSlices != 2 || len(r.Slices) != 2 {
		t.Errorf("stride %d, %d slices", r.Stride, r.AnnotatedSlices)
	}
	if a := r.Slices[1].AreaCM2["vat"]; math.Abs(a-0.04) > 1e-12 {
		t.Errorf("VAT area on slice 5: %.4f cm²", a)
	}
	agg := map[string]Aggregate{}
	for _, a := range r.Aggregates {
		name := a.Name
		if a.TorsoOnly {
			name += " torso"
		}
		agg[name] = a
	}
	if a := agg["abdominal cavity slices"]; a.Slices != 1 || math.Abs(a.Tissues["vat"].ML-ml) > 1e-9 || math.Abs(a.Tissues["muscle"].ML-3*ml) > 1e-9 {
		t.Errorf("abdominal: %+v", a)
	}
	if a := agg["thoracic cavity slices"]; a.Slices != 2 {
		t.Errorf("thoracic: %+v", a)
	}
	// Torso only drops the arm's fat voxel on each slice.
	if a := agg["whole scan torso"]; math.Abs(a.Tissues["sat"].ML-2*ml) > 1e-9 || math.Abs(a.Tissues["tat"].ML-9*ml) > 1e-9 {
		t.Errorf("torso only: %+v", a.Tissues)
	}
	if v := r.RegionsML["bones"]; math.Abs(v-4*ml) > 1e-9 {
		t.Errorf("bones region %.4f mL", v)
	}
}

// TestMismatchedGrid: maps of another grid are an error, not a panic.
func TestMismatchedGrid(t *testing.T) {
	g := grid10()
	h := g
	h.Dims[2] = 9
	if _, err := Measure(volume.NewImage(g), volume.SparseLabels(h), nil); err == nil {
		t.Fatal("no error for a regions map of another grid")
	}
}

// gridCase is a 10×10×31 case annotated every fifth slice from 0 to 30,
// with n muscle voxels (40 HU) on each annotated slice.
func gridCase(n int) (*volume.Image, *volume.LabelMap) {
	g := grid10()
	g.Dims[2] = 31
	im, reg := volume.NewImage(g), volume.SparseLabels(g)
	for k := 0; k < 31; k += 5 {
		for x := 0; x < n; x++ {
			reg.Set(x%10, x/10, k, labels.RegionMuscle)
			im.Set(x%10, x/10, k, 40)
		}
	}
	return im, reg
}

// TestStrayStrokeKeepsTheStride is the reported case: a few voxels
// painted on a slice between two annotated ones made it partly labelled,
// the stride came out as 1 and the whole-scan estimate a fifth of the
// truth without a word. The stride stays 5, the estimate leaves the stray
// slice out, and the report says why it is irregular.
func TestStrayStrokeKeepsTheStride(t *testing.T) {
	im, reg := gridCase(50)
	sl, err := Measure(im, reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	clean := NewReport(im.Grid, sl)
	want := 7 * 50 * 0.012 * 5 // 7 annotated slices of 50 voxels, × 5
	if clean.Stride != 5 || !clean.RegularGrid || len(clean.Warnings) != 0 || math.Abs(clean.EstimateML["muscle"]-want) > 1e-9 {
		t.Fatalf("clean case: stride %d regular %v warnings %q estimate %.3f, want %.3f",
			clean.Stride, clean.RegularGrid, clean.Warnings, clean.EstimateML["muscle"], want)
	}
	for x := 0; x < 6; x++ { // a stroke on not-annotated slice 11
		reg.Set(x, 5, 11, labels.RegionMuscle)
		im.Set(x, 5, 11, 40)
	}
	sl, err = Measure(im, reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := NewReport(im.Grid, sl)
	if r.Stride != 5 || r.AnnotatedSlices != 8 {
		t.Errorf("stride %d over %d slices, want 5 over 8", r.Stride, r.AnnotatedSlices)
	}
	if math.Abs(r.EstimateML["muscle"]-want) > 1e-9 {
		t.Errorf("estimate %.3f mL, want %.3f (the stray slice left out)", r.EstimateML["muscle"], want)
	}
	if math.Abs(r.Tissues["muscle"].ML-(7*50+6)*0.012) > 1e-9 {
		t.Errorf("annotated-slice total %.3f mL", r.Tissues["muscle"].ML)
	}
	if r.RegularGrid || len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "partially labelled slices 11") {
		t.Errorf("regular %v, warnings %q", r.RegularGrid, r.Warnings)
	}
	for _, row := range r.Slices {
		if row.OnGrid != (row.K != 11) || row.Mixed != (row.K == 11) {
			t.Errorf("slice %d: on grid %v mixed %v", row.K, row.OnGrid, row.Mixed)
		}
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, "c", r); err != nil || !strings.Contains(b.String(), `"regular_grid": false`) || !strings.Contains(b.String(), "partially labelled slices 11") {
		t.Errorf("JSON does not carry the warning: %v %.400s", err, b.String())
	}
	b.Reset()
	if err := WriteCSV(&b, r); err != nil || !strings.Contains(b.String(), "slice 11,") || !strings.Contains(b.String(), "whole-scan estimate (every 5),7,") {
		t.Errorf("CSV: %v\n%s", err, b.String())
	}
	b.Reset()
	if err := WriteSummaryCSV(&b, []CaseSummary{{Case: "c", Report: r}}); err != nil || !strings.Contains(b.String(), ",5,") || !strings.Contains(b.String(), "partially labelled slices 11") {
		t.Errorf("summary CSV: %v\n%s", err, b.String())
	}
}

// TestMissingAndSkippedSlices: a grid slice set to 255 (metal artefacts)
// and a fully annotated stray slice keep stride 5; the estimate covers the
// grid slices there are and the warnings name the others. With one
// annotated slice there is no stride and no estimate, said so.
func TestMissingAndSkippedSlices(t *testing.T) {
	im, reg := gridCase(10)
	for x := range reg.Axial(15) {
		reg.Axial(15)[x] = 255
		reg.Axial(22)[x] = 0
	}
	sl, _ := Measure(im, reg, nil)
	r := NewReport(im.Grid, sl)
	if r.Stride != 5 || r.RegularGrid || math.Abs(r.EstimateML["muscle"]-6*10*0.012*5) > 1e-9 {
		t.Errorf("stride %d regular %v estimate %.3f", r.Stride, r.RegularGrid, r.EstimateML["muscle"])
	}
	if w := strings.Join(r.Warnings, " | "); !strings.Contains(w, "slices 22 lie off") || !strings.Contains(w, "grid slices 15 are not annotated") {
		t.Errorf("warnings %q", w)
	}
	one := volume.SparseLabels(grid10())
	for k := 1; k < 10; k++ {
		for x := range one.Axial(k) {
			one.Axial(k)[x] = 255
		}
	}
	sl, _ = Measure(volume.NewImage(grid10()), one, nil)
	r = NewReport(grid10(), sl)
	if r.Stride != 0 || r.EstimateML != nil || len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "stride is unknown") {
		t.Errorf("one slice: stride %d estimate %v warnings %q", r.Stride, r.EstimateML, r.Warnings)
	}
	var b bytes.Buffer
	if WriteCSV(&b, r); !strings.Contains(b.String(), "no whole-scan estimate") {
		t.Errorf("CSV without estimate:\n%s", b.String())
	}
}
