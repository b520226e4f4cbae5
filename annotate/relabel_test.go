package annotate

import (
	"errors"
	"testing"

	"github.com/saros-review/saros-review/labels"
)

// ringCase is testCase with slice 5 redrawn: muscle (part torso)
// everywhere, cut by a one-voxel diamond of bone |di|+|dj| = 10 around
// (32, 24). The diamond closes the inside for 4-connectivity only: inside
// and outside touch at the corners of every diagonal step, as the brain
// touched the scalp through the skull on the real head CT.
func ringCase(t *testing.T) (*Session, int) {
	s := testCase(t)
	g := s.Image.Grid
	inside := 0
	for j := 0; j < g.Dims[1]; j++ {
		for i := 0; i < g.Dims[0]; i++ {
			idx := g.Index(i, j, 5)
			s.Maps[MapRegions].Voxels[idx], s.Maps[MapParts].Voxels[idx] = labels.RegionMuscle, labels.PartTorso
			switch d := abs(i-32) + abs(j-24); {
			case d == 10:
				s.Maps[MapRegions].Voxels[idx] = labels.RegionBones
			case d < 10:
				inside++
			}
		}
	}
	return s, inside
}

func abs(x int) int { return max(x, -x) }

// TestRelabelDoesNotLeakThroughDiagonalGaps: the 4-connected relabel takes
// the inside of the diamond only; 8-connected takes the outside too.
func TestRelabelDoesNotLeakThroughDiagonalGaps(t *testing.T) {
	s, inside := ringCase(t)
	if inside != 181 {
		t.Fatalf("%d voxels inside the diamond", inside)
	}
	s.Begin("relabel")
	if n := s.Relabel(5, 32, 24, MapRegions, labels.RegionBrain); n != inside {
		t.Errorf("4-connected relabel changed %d voxels, want %d", n, inside)
	}
	if s.Maps[MapRegions].At(0, 0, 5) != labels.RegionMuscle {
		t.Error("the outside was relabelled")
	}
	s.Abort()
	ch, err := s.PreviewRelabel(5, 32, 24, MapRegions, labels.RegionBrain, Eight)
	if err != nil || ch.Count != 64*48-40 {
		t.Errorf("8-connected preview: %d voxels, %v; want %d", ch.Count, err, 64*48-40)
	}
}

// TestRelabelPreviewIsTheChange: the preview changes nothing, and the
// relabel then changes exactly the voxels it showed; undo and redo give
// the maps before and after.
func TestRelabelPreviewIsTheChange(t *testing.T) {
	s, inside := ringCase(t)
	before := snapshot(s)
	ch, err := s.PreviewRelabel(5, 30, 25, MapRegions, labels.RegionBrain, Four)
	if err != nil || !same(s, before) || s.InStroke() {
		t.Fatalf("preview: %v, maps unchanged %v, stroke open %v", err, same(s, before), s.InStroke())
	}
	if ch.Count != inside || ch.I0 != 23 || ch.I1 != 41 || ch.J0 != 15 || ch.J1 != 33 || ch.Other != 0 {
		t.Errorf("preview %d voxels in [%d..%d]×[%d..%d], other map %d", ch.Count, ch.I0, ch.I1, ch.J0, ch.J1, ch.Other)
	}
	c, applied, err := s.RelabelLimited("relabel: muscle → brain", 5, 30, 25, MapRegions, labels.RegionBrain, Four, 0)
	if err != nil || c == nil || c.Changed != inside {
		t.Fatalf("relabel: %v %+v", err, c)
	}
	g := s.Image.Grid
	for j := 0; j < g.Dims[1]; j++ {
		for i := 0; i < g.Dims[0]; i++ {
			changed := before[0][g.Index(i, j, 5)] != s.Maps[MapRegions].At(i, j, 5)
			if changed != ch.Has(i, j) || changed != applied.Has(i, j) {
				t.Fatalf("voxel (%d, %d): changed %v, preview %v, applied %v", i, j, changed, ch.Has(i, j), applied.Has(i, j))
			}
		}
	}
	after := snapshot(s)
	if _, err := s.Undo(); err != nil || !same(s, before) {
		t.Fatalf("undo: %v", err)
	}
	if _, err := s.Redo(); err != nil || !same(s, after) {
		t.Fatalf("redo: %v", err)
	}
}

// TestRelabelLimit: above the limit nothing changes and the error carries
// the change to show; the same click with no limit relabels.
func TestRelabelLimit(t *testing.T) {
	s, _ := ringCase(t)
	before := snapshot(s)
	_, _, err := s.RelabelLimited("relabel", 5, 0, 0, MapRegions, labels.RegionBrain, Four, 1000)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Change.Count != 64*48-40-181 || tl.Limit != 1000 {
		t.Fatalf("over the limit: %v", err)
	}
	if !same(s, before) || s.InStroke() {
		t.Fatal("a refused relabel changed the maps or left a stroke open")
	}
	if undo, _ := s.History.Len(); undo != 0 {
		t.Errorf("%d undo steps after a refused relabel", undo)
	}
	if c, _, err := s.RelabelLimited("relabel", 5, 0, 0, MapRegions, labels.RegionBrain, Four, 0); err != nil || c.Changed != tl.Change.Count {
		t.Errorf("confirmed relabel: %v, %+v", err, c)
	}
	if _, _, err := s.RelabelLimited("relabel", 5, 32, 24, MapRegions, labels.RegionBones, Four, DefaultRelabelLimit); err != nil {
		t.Errorf("small relabel under the default limit: %v", err)
	}
	s.ReadOnly = true
	if _, err := s.PreviewRelabel(5, 32, 24, MapRegions, 1, Four); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only preview: %v", err)
	}
}
