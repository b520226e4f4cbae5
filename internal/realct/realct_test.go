package realct

import (
	"testing"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// TestCranium: the real head CT reads with its documented shape and
// orientation (fails, never skips, when invesalius-examples is missing).
func TestCranium(t *testing.T) {
	im, err := Cranium()
	if err != nil {
		t.Fatal(err)
	}
	if im.Dims != [3]int{256, 256, 108} || im.AxCodes() != "LAS" {
		t.Fatalf("dims %v axcodes %s, want 256×256×108 LAS", im.Dims, im.AxCodes())
	}
	lo, hi := im.MinMax()
	if lo != -1024 || hi < 2000 {
		t.Errorf("HU range %d…%d, want −1024 to about 3000", lo, hi)
	}
}

// TestProposal: sparse, both maps share their foreground, the head holder
// is not body, and the brain is found on the slices between the skull
// base and the vertex.
func TestProposal(t *testing.T) {
	im, r, p, err := Clean()
	if err != nil {
		t.Fatal(err)
	}
	ann := r.AnnotatedSlices()
	if len(ann) != 22 || ann[1] != 5 {
		t.Fatalf("annotated slices %v, want every fifth", ann)
	}
	for k := 0; k < im.Dims[2]; k++ {
		st := r.SliceState(k)
		if (k%Stride == 0) != (st == volume.Annotated) || p.SliceState(k) != st {
			t.Fatalf("slice %d: regions %v, parts %v", k, st, p.SliceState(k))
		}
	}
	for i, v := range r.Voxels {
		if v != 255 && (v > 0) != (p.Voxels[i] > 0) {
			t.Fatalf("voxel %d: region %d part %d", i, v, p.Voxels[i])
		}
	}
	brain := 0
	for _, k := range ann {
		h := [256]int{}
		for _, v := range r.Axial(k) {
			h[v]++
		}
		if h[labels.RegionBrain] > 1000 {
			brain++
		}
		// The holder arc lies in the top rows; the body never reaches row 0.
		for i := 0; i < im.Dims[0]; i++ {
			if r.At(i, 0, k) != 0 {
				t.Fatalf("slice %d: the head holder at (%d, 0) is labelled %d", k, i, r.At(i, 0, k))
			}
		}
	}
	if brain < 14 {
		t.Errorf("brain on %d annotated slices, want at least 14", brain)
	}
}

// TestInject: every defect lands on a distinct slice and changes the maps.
func TestInject(t *testing.T) {
	_, r0, p0, _ := Clean()
	im, r, p, ds, err := Defective()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, d := range ds {
		if d.Slice >= 0 && seen[d.Slice] {
			t.Errorf("two defects on slice %d", d.Slice)
		}
		seen[d.Slice] = true
		if d.Slice < 0 {
			continue
		}
		same := string(r.Axial(d.Slice)) == string(r0.Axial(d.Slice)) && string(p.Axial(d.Slice)) == string(p0.Axial(d.Slice))
		if same {
			t.Errorf("%s on slice %d changed nothing", d.Rule, d.Slice)
		}
	}
	if lo, _ := im.MinMax(); lo != -3000 {
		t.Errorf("image minimum %d, want the injected −3000", lo)
	}
}
