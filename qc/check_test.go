package qc

import (
	"strings"
	"testing"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// body builds a 40×30×21 LPS case (1 mm pixels, 5 mm slices) annotated on
// slices 0, 5, 10, 15, 20 with a clean body on every annotated slice: a torso of
// subcutaneous tissue around muscle around an abdominal cavity holding a
// bone (the spine, touching muscle), parts torso; and the right arm at
// low i (the patient's right in LPS), the left arm at high i.
func body(t testing.TB) *Input {
	g := volume.Grid{Dims: [3]int{40, 30, 21}, Spacing: [3]float64{1, 1, 5},
		Affine: volume.Mat4{{-1, 0, 0, 20}, {0, -1, 0, 15}, {0, 0, 5, 0}, {0, 0, 0, 1}}}
	im, r, p := volume.NewImage(g), volume.NewLabelMap(g), volume.NewLabelMap(g)
	for k := 0; k < 21; k++ {
		for j := 0; j < 30; j++ {
			for i := 0; i < 40; i++ {
				idx := g.Index(i, j, k)
				im.Voxels[idx] = -1000
				if k%5 != 0 {
					r.Voxels[idx], p.Voxels[idx] = 255, 255
					continue
				}
				switch {
				case i >= 10 && i < 30 && j >= 5 && j < 25:
					r.Voxels[idx], p.Voxels[idx] = 1, labels.PartTorso
					if i >= 12 && i < 28 && j >= 7 && j < 23 {
						r.Voxels[idx] = 2
					}
					if i >= 14 && i < 26 && j >= 9 && j < 21 {
						r.Voxels[idx] = 3
					}
					if i >= 18 && i < 22 && j >= 17 && j < 23 {
						r.Voxels[idx] = 5
					}
				case i >= 2 && i < 7 && j >= 10 && j < 20:
					r.Voxels[idx], p.Voxels[idx] = 2, labels.PartRightArm
				case i >= 33 && i < 38 && j >= 10 && j < 20:
					r.Voxels[idx], p.Voxels[idx] = 2, labels.PartLeftArm
				}
			}
		}
	}
	return &Input{Image: im, Regions: r, Parts: p}
}

func findings(in *Input, rule string) []Finding {
	var out []Finding
	for _, f := range Check(in, nil) {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestCleanBodyHasNoFindings(t *testing.T) {
	if fs := Check(body(t), nil); len(fs) != 0 {
		t.Fatalf("findings on a clean body: %+v", fs)
	}
}

// Each rule: the clean body must not trigger it (above); a change must.
func TestEveryRuleFires(t *testing.T) {
	for _, tc := range []struct {
		rule  string
		edit  func(in *Input)
		slice int
		want  string
	}{
		{RuleGeometry, func(in *Input) {
			g := in.Image.Grid
			g.Affine[0][3] += 3
			in.RegionsGrid = &g
		}, -1, "origin"},
		{RuleLabelValue, func(in *Input) { in.Regions.Set(1, 1, 5, 77) }, 5, "77 (1 voxels)"},
		{RuleMixedSlice, func(in *Input) { in.Parts.Set(1, 1, 10, 255) }, 10, "partly not annotated"},
		{RuleIgnoreMismatch, func(in *Input) { fill(in.Parts, 5, 255) }, 5, "not annotated in the parts map"},
		{RuleForegroundMismatch, func(in *Input) { in.Parts.Set(11, 6, 0, 0); in.Parts.Set(12, 6, 0, 0) }, 0, "2 voxels"},
		{RuleComponents, func(in *Input) { square(in.Regions, 10, 33, 22, 5, 3) }, 10, "2 components of abdominal cavity"},
		{RuleIsland, func(in *Input) { in.Regions.Set(16, 10, 0, 1) }, 0, "speck of subcutaneous tissue"},
		{RuleEnclosed, func(in *Input) { square(in.Regions, 5, 15, 10, 2, 5) }, 5, "Bones (4.0 mm²) lies wholly inside abdominal cavity"},
		{RuleEnclosed, func(in *Input) { square(in.Regions, 5, 15, 10, 2, 0) }, 5, "hole of background"},
		{RuleExpectedPresent, func(in *Input) { replace(in.Regions, 5, 5, 3) }, 5, "no bones"},
		{RuleContinuity, func(in *Input) { replace(in.Regions, 5, 3, 2) }, 5, "Abdominal cavity is on slices 0 and 10 but missing on slice 5"},
		{RuleContext, func(in *Input) { replace(in.Parts, 0, labels.PartTorso, labels.PartHead) }, 0, "of abdominal cavity lie in the head"},
		{RuleLaterality, func(in *Input) {
			replace(in.Parts, 10, labels.PartRightArm, 9)
			replace(in.Parts, 10, labels.PartLeftArm, labels.PartRightArm)
			replace(in.Parts, 10, 9, labels.PartLeftArm)
		}, 10, "labelled right arm on slice 10 lies on the patient's left of the torso"},
		{RuleStride, func(in *Input) { fill(in.Regions, 5, 255); fill(in.Parts, 5, 255) }, 5, "lies on the annotation grid"},
		{RuleHURange, func(in *Input) { in.Image.Set(0, 0, 3, -3000) }, -1, "1 voxels below −1024"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			in := body(t)
			tc.edit(in)
			fs := findings(in, tc.rule)
			if len(fs) == 0 {
				t.Fatalf("no %s finding; all: %+v", tc.rule, Check(in, nil))
			}
			f := fs[0]
			if f.Slice != tc.slice || !strings.Contains(f.Message, tc.want) {
				t.Errorf("slice %d %q, want slice %d with %q", f.Slice, f.Message, tc.slice, tc.want)
			}
			def := DefaultConfig()
			if f.Severity != def.Severity[tc.rule] {
				t.Errorf("severity %s", f.Severity)
			}
			cfg := DefaultConfig()
			cfg.Enabled[tc.rule] = false
			for _, g := range Check(in, cfg) {
				if g.Rule == tc.rule {
					t.Errorf("rule switched off still fires")
				}
			}
		})
	}
}

func fill(m *volume.LabelMap, k int, v uint8) {
	s := m.Axial(k)
	for i := range s {
		s[i] = v
	}
}

func replace(m *volume.LabelMap, k int, from, to uint8) {
	s := m.Axial(k)
	for i := range s {
		if s[i] == from {
			s[i] = to
		}
	}
}

func square(m *volume.LabelMap, k, i0, j0, n int, v uint8) {
	for j := j0; j < j0+n; j++ {
		for i := i0; i < i0+n; i++ {
			m.Set(i, j, k, v)
		}
	}
}

// TestFindingsPointAtTheComponent: the voxel and box of a finding lie on
// the offending component, for click-to-jump.
func TestFindingsPointAtTheComponent(t *testing.T) {
	in := body(t)
	square(in.Regions, 5, 15, 10, 2, 5)
	f := findings(in, RuleEnclosed)[0]
	if in.Regions.At(f.I, f.J, 5) != 5 || *f.BBox != [4]int{15, 10, 16, 11} || f.AreaMM2 != 4 {
		t.Errorf("finding %+v", f)
	}
}

// TestDemoDefectsFound: on the demo phantom each defect is found by the
// rule meant for it, at its slice, and nothing else is an error.
func TestDemoDefectsFound(t *testing.T) {
	p, err := assets.NewPhantom(assets.DemoConfig)
	if err != nil {
		t.Fatal(err)
	}
	fs := Check(&Input{Image: p.Image, Regions: p.Regions, Parts: p.Parts}, nil)
	meant := map[string]string{
		assets.DefectBoneSpeck: RuleEnclosed, assets.DefectForegroundMismatch: RuleForegroundMismatch,
		assets.DefectMissedStructure: RuleContinuity, assets.DefectMislabelledArm: RuleLaterality,
	}
	defectSlices := map[int]bool{}
	for _, d := range p.Defects {
		defectSlices[d.Slice] = true
		found := false
		for _, f := range fs {
			if f.Rule == meant[d.Kind] && f.Slice == d.Slice {
				found = true
			}
		}
		if !found {
			t.Errorf("%s on slice %d not found by %s", d.Kind, d.Slice, meant[d.Kind])
		}
	}
	for _, f := range fs {
		if !defectSlices[f.Slice] {
			t.Errorf("finding on a clean slice: %+v", f)
		}
		if f.Severity == Error && f.Rule != RuleForegroundMismatch {
			t.Errorf("unexpected error: %+v", f)
		}
	}
}
