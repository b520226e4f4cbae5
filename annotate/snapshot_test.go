package annotate

import (
	"bytes"
	"testing"
)

// TestSnapshotKeepsAnnotatedSlicesOnly: a snapshot of a sparse map holds
// the bytes of its annotated slices only, reads back every voxel, and
// writes the whole map out unchanged.
func TestSnapshotKeepsAnnotatedSlicesOnly(t *testing.T) {
	s := testCase(t) // 10 slices, 0 and 5 annotated
	m := s.Maps[0]
	per := m.Dims[0] * m.Dims[1]
	snap := NewSnapshot(m.Voxels, per)
	if got, want := snap.Bytes(), 2*per; got != want {
		t.Errorf("snapshot keeps %d bytes, want %d (two annotated slices)", got, want)
	}
	if !bytes.Equal(snap.Flat(), m.Voxels) {
		t.Error("the snapshot does not write the map out unchanged")
	}
	for _, idx := range []int{0, per + 3, 5*per + 24 + 22*m.Dims[0], len(m.Voxels) - 1} {
		if snap.At(idx) != m.Voxels[idx] {
			t.Errorf("voxel %d: %d, want %d", idx, snap.At(idx), m.Voxels[idx])
		}
	}
	if snap.Slice(1) != nil || snap.Slice(5) == nil {
		t.Error("a not-annotated slice is stored, or an annotated one is not")
	}
	// The session keeps its originals this way.
	if b := s.Original[0].Bytes() + s.Original[1].Bytes(); b != 4*per {
		t.Errorf("the session's originals take %d bytes, want %d", b, 4*per)
	}
}
