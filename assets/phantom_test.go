package assets

import (
	"hash/fnv"
	"math"
	"testing"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

var demo = func() *Phantom {
	p, err := NewPhantom(DemoConfig)
	if err != nil {
		panic(err)
	}
	return p
}()

func hashOf(p *Phantom) uint64 {
	h := fnv.New64a()
	for _, v := range p.Image.Voxels {
		h.Write([]byte{byte(v), byte(v >> 8)})
	}
	h.Write(p.Regions.Voxels)
	h.Write(p.Parts.Voxels)
	return h.Sum64()
}

func TestPhantomIsSeeded(t *testing.T) {
	again, err := NewPhantom(DemoConfig)
	if err != nil {
		t.Fatal(err)
	}
	if hashOf(again) != hashOf(demo) {
		t.Error("same seed gave different voxels")
	}
	cfg := DemoConfig
	cfg.Seed = 2
	other, err := NewPhantom(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if hashOf(other) == hashOf(demo) {
		t.Error("different seeds gave the same voxels")
	}
}

func TestPhantomGrid(t *testing.T) {
	g := demo.Image.Grid
	if g.Dims[0] < 256 || g.Dims[1] < 256 || g.Dims[2] < 100 {
		t.Errorf("dims %v", g.Dims)
	}
	if g.AxCodes() != "LPS" {
		t.Errorf("axcodes %s", g.AxCodes())
	}
}

// TestSparseScheme: every fifth slice annotated in both maps, the rest all
// 255, no mixed slice.
func TestSparseScheme(t *testing.T) {
	for _, m := range []*volume.LabelMap{demo.Regions, demo.Parts} {
		ks := m.AnnotatedSlices()
		if len(ks) != 20 {
			t.Fatalf("%d annotated slices", len(ks))
		}
		for i, k := range ks {
			if i > 0 && k-ks[i-1] != 5 {
				t.Errorf("stride %d at slice %d", k-ks[i-1], k)
			}
		}
		for k, st := range m.SliceStates() {
			if st == volume.Mixed {
				t.Errorf("slice %d mixed", k)
			}
		}
	}
}

// TestLabelsDefinedAndForegroundAgrees: every label is defined, and the
// maps agree on foreground everywhere except on the mismatch defect.
func TestLabelsDefinedAndForegroundAgrees(t *testing.T) {
	mismatch := -1
	for _, d := range demo.Defects {
		if d.Kind == DefectForegroundMismatch {
			mismatch = d.Slice
		}
	}
	h := demo.Regions.Histogram()
	for v, n := range h {
		if n > 0 && !labels.Regions.Defined(uint8(v)) {
			t.Errorf("region value %d used %d times", v, n)
		}
	}
	for _, k := range demo.Regions.AnnotatedSlices() {
		r, p := demo.Regions.Axial(k), demo.Parts.Axial(k)
		bad := 0
		for i := range r {
			if (r[i] > 0) != (p[i] > 0) {
				bad++
			}
		}
		if (bad > 0) != (k == mismatch) {
			t.Errorf("slice %d: %d foreground mismatches (defect slice %d)", k, bad, mismatch)
		}
	}
}

func TestStructuresPresent(t *testing.T) {
	h := demo.Regions.Histogram()
	for _, l := range labels.Regions.Labels {
		if l.Value == labels.RegionBreastImplant {
			continue
		}
		if h[l.Value] == 0 {
			t.Errorf("no %s", l.Name)
		}
	}
	hp := demo.Parts.Histogram()
	for _, v := range []uint8{labels.PartTorso, labels.PartHead, labels.PartRightArm, labels.PartLeftArm} {
		if hp[v] == 0 {
			t.Errorf("no part %s", labels.Parts.Name(v))
		}
	}
}

// TestPlausibleHU: mean HU of each tissue lies where CT puts it.
func TestPlausibleHU(t *testing.T) {
	var sum, n [256]float64
	for _, k := range demo.Regions.AnnotatedSlices() {
		r, im := demo.Regions.Axial(k), demo.Image.Axial(k)
		for i := range r {
			sum[r[i]] += float64(im[i])
			n[r[i]]++
		}
	}
	for _, c := range []struct {
		label  uint8
		lo, hi float64
	}{
		{labels.RegionBackground, -1010, -990},
		{labels.RegionThoracicCavity, -900, -500},
		{labels.RegionSubcutaneousTissue, -110, -40},
		{labels.RegionMuscle, 40, 70},
		{labels.RegionBones, 300, 900},
		{labels.RegionBrain, 25, 45},
	} {
		m := sum[c.label] / n[c.label]
		if math.IsNaN(m) || m < c.lo || m > c.hi {
			t.Errorf("%s: mean %.0f HU, want %g..%g", labels.Regions.Name(c.label), m, c.lo, c.hi)
		}
	}
}

// TestDefects: each of the four defects is where the phantom says.
func TestDefects(t *testing.T) {
	if len(demo.Defects) != 4 {
		t.Fatalf("%d defects", len(demo.Defects))
	}
	for _, d := range demo.Defects {
		r, p := demo.Regions, demo.Parts
		switch d.Kind {
		case DefectBoneSpeck:
			if r.At(d.I, d.J, d.Slice) != labels.RegionBones {
				t.Error("no bone at the speck")
			}
			for _, o := range [][2]int{{-2, 0}, {2, 0}, {0, -2}, {0, 2}} {
				if r.At(d.I+o[0], d.J+o[1], d.Slice) != labels.RegionAbdominalCavity {
					t.Error("speck not surrounded by abdominal cavity")
				}
			}
		case DefectForegroundMismatch:
			if r.At(d.I, d.J, d.Slice) == 0 || p.At(d.I, d.J, d.Slice) != 0 {
				t.Error("no foreground mismatch at the defect")
			}
		case DefectMissedStructure:
			if n := countLabel(r, d.Slice, labels.RegionSpinalCord); n != 0 {
				t.Errorf("spinal cord still on the missed slice (%d voxels)", n)
			}
		case DefectMislabelledArm:
			if n := countLabel(p, d.Slice, labels.PartRightArm); n != 0 {
				t.Errorf("right arm still labelled (%d voxels)", n)
			}
			if p.At(d.I, d.J, d.Slice) != labels.PartLeftArm {
				t.Error("defect voxel not labelled left arm")
			}
			// The voxel lies on the patient's right: RAS x > 0 (the torso
			// is centred on x = 0).
			if x := p.World(float64(d.I), float64(d.J), float64(d.Slice))[0]; x <= 0 {
				t.Errorf("mislabelled arm at RAS x = %g, not on the patient's right", x)
			}
		default:
			t.Errorf("unknown defect %s", d.Kind)
		}
	}
}

func countLabel(m *volume.LabelMap, k int, v uint8) int {
	n := 0
	for _, x := range m.Axial(k) {
		if x == v {
			n++
		}
	}
	return n
}
