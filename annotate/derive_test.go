package annotate_test

import (
	"testing"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/labels"
)

// TestDerivePartsOnPhantom: derived parts agree with the phantom's parts on
// nearly every body voxel, and put the mislabelled arm back on the right.
func TestDerivePartsOnPhantom(t *testing.T) {
	p, err := assets.NewPhantom(assets.DemoConfig)
	if err != nil {
		t.Fatal(err)
	}
	s, err := annotate.NewSession(p.Image, p.Regions, p.Parts)
	if err != nil {
		t.Fatal(err)
	}
	var wrongArm, mismatch int
	for _, d := range p.Defects {
		switch d.Kind {
		case assets.DefectMislabelledArm:
			wrongArm = d.Slice
		case assets.DefectForegroundMismatch:
			mismatch = d.Slice
		}
	}
	all := s.DeriveAllParts()
	agree, body := 0, 0
	per := p.Image.Dims[0] * p.Image.Dims[1]
	for k, vals := range all {
		if k == wrongArm || k == mismatch {
			continue
		}
		for i, v := range vals {
			truth := p.Parts.Voxels[k*per+i]
			if truth == 0 {
				if v != 0 {
					t.Fatalf("slice %d: part %d on air", k, v)
				}
				continue
			}
			body++
			if v == truth {
				agree++
			}
		}
	}
	t.Logf("derived parts agree with the phantom on %d of %d body voxels", agree, body)
	if r := float64(agree) / float64(body); r < 0.95 {
		t.Errorf("derived parts agree on %.1f%% of body voxels", 100*r)
	}
	got, err := s.DeriveParts(wrongArm)
	if err != nil {
		t.Fatal(err)
	}
	right := 0
	for _, v := range got {
		if v == labels.PartRightArm {
			right++
		}
	}
	if right == 0 {
		t.Error("the right arm is not derived on the mislabelled slice")
	}
	// Applying is one undo step.
	n, err := s.ApplyParts("derive parts", map[int][]uint8{wrongArm: got})
	if err != nil || n == 0 {
		t.Fatalf("applied %d: %v", n, err)
	}
	s.Undo()
	if s.Dirty() {
		t.Error("undo did not revert the derived parts")
	}
	if _, err := s.DeriveParts(wrongArm + 1); err == nil {
		t.Error("derived parts on an ignored slice")
	}
}
