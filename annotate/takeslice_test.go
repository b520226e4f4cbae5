package annotate

import (
	"bytes"
	"testing"
)

// A reviewer merging two readers takes one slice of the other reader's
// maps: that slice changes in both maps, no other voxel does, one undo
// brings it back, and slices that are not annotated (or values that are
// not) are refused.
func TestTakeSlice(t *testing.T) {
	s := testCase(t)
	before := snapshot(s)
	per := 64 * 48
	other := [2][]byte{bytes.Repeat([]byte{7}, per), bytes.Repeat([]byte{2}, per)} // all posterior region, all torso part
	if err := s.TakeSlice("take slice 5", 5, other[0], other[1]); err != nil {
		t.Fatal(err)
	}
	for m := range 2 {
		for i, v := range s.Maps[m].Voxels {
			k := i / per
			want := before[m][i]
			if k == 5 {
				want = other[m][i%per]
			}
			if v != want {
				t.Fatalf("map %d voxel %d (slice %d) is %d, want %d", m, i, k, v, want)
			}
		}
	}
	if got := s.History.UndoName(); got != "take slice 5" {
		t.Errorf("undo names %q", got)
	}
	if _, err := s.Undo(); err != nil || !same(s, before) {
		t.Fatalf("undo did not bring the slice back (%v)", err)
	}
	if err := s.TakeSlice("x", 3, other[0], other[1]); err == nil {
		t.Error("took a slice that is not annotated")
	}
	half := bytes.Clone(other[1])
	half[10] = 255
	if err := s.TakeSlice("x", 5, other[0], half); err == nil || !same(s, before) {
		t.Errorf("took values that are not annotated (%v)", err)
	}
	if err := s.TakeSlice("x", 5, other[0][:10], other[1]); err == nil {
		t.Error("took a short slice")
	}
	s.ReadOnly = true
	if err := s.TakeSlice("x", 5, other[0], other[1]); err == nil || !same(s, before) {
		t.Error("a read-only session took a slice")
	}
}
