package annotate

import (
	"testing"

	"github.com/saros-review/saros-review/labels"
)

// TestDamagedUndoKeepsStep: an undo step whose record cannot be decoded
// changes nothing and stays on the stack (it is not lost), and the steps
// below it are still there.
func TestDamagedUndoKeepsStep(t *testing.T) {
	s := testCase(t)
	for n, i := range []float64{20, 30} {
		if err := s.Begin("brush"); err != nil {
			t.Fatal(err)
		}
		s.Dab(5, i, 20, Brush{Map: MapRegions, Label: labels.RegionBrain, RadiusMM: 2})
		if s.Commit() == nil {
			t.Fatalf("dab %d changed nothing", n)
		}
	}
	edited := snapshot(s)
	top := s.History.undo[len(s.History.undo)-1]
	last := len(top.Patches) - 1
	good := top.Patches[last].Old
	top.Patches[last].Old = good[:len(good)-1] // cut short
	if _, err := s.Undo(); err == nil {
		t.Fatal("undo of a damaged step succeeded")
	}
	if !same(s, edited) || len(s.History.undo) != 2 || len(s.History.redo) != 0 {
		t.Fatalf("a failed undo changed the maps or the stacks: %d undo, %d redo", len(s.History.undo), len(s.History.redo))
	}
	top.Patches[last].Old = good
	if c, err := s.Undo(); err != nil || c != top {
		t.Fatalf("undo after repair: %v", err)
	}
}
