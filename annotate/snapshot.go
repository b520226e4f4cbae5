package annotate

import (
	"bytes"

	"github.com/saros-review/saros-review/volume"
)

// notAnnotated is the byte a slice nobody annotated is made of.
var notAnnotated = []byte{volume.NotAnnotated}

// Snapshot is a copy of a label map's voxels kept per axial slice, where
// a slice that is all volume.NotAnnotated (255) costs nothing: a sparse
// data set annotates every fifth slice, so a snapshot of a case takes a
// fifth of the map's bytes. A snapshot never changes once made, so a
// background job may read it while the owner makes a new one.
type Snapshot struct {
	per    int       // voxels a slice
	slices [][]uint8 // by k; nil: all 255
}

// NewSnapshot copies voxels, per slices of per voxels.
func NewSnapshot(voxels []uint8, per int) Snapshot {
	if per <= 0 {
		return Snapshot{}
	}
	s := Snapshot{per: per, slices: make([][]uint8, len(voxels)/per)}
	for k := range s.slices {
		sl := voxels[k*per : (k+1)*per]
		if bytes.Count(sl, notAnnotated) != per { // vectorised: a few ms a case
			s.slices[k] = append([]uint8(nil), sl...)
		}
	}
	return s
}

// Len is the number of voxels the snapshot stands for.
func (s Snapshot) Len() int { return s.per * len(s.slices) }

// At is voxel idx (a flat index of the map).
func (s Snapshot) At(idx int) uint8 {
	sl := s.slices[idx/s.per]
	if sl == nil {
		return volume.NotAnnotated
	}
	return sl[idx%s.per]
}

// Slice is slice k's voxels, nil when the slice is all 255; it must not
// be changed.
func (s Snapshot) Slice(k int) []uint8 { return s.slices[k] }

// Flat writes the whole map out (the changes overlay).
func (s Snapshot) Flat() []uint8 {
	out := make([]uint8, s.Len())
	for k, sl := range s.slices {
		dst := out[k*s.per : (k+1)*s.per]
		if sl == nil {
			for i := range dst {
				dst[i] = volume.NotAnnotated
			}
			continue
		}
		copy(dst, sl)
	}
	return out
}

// Bytes is the memory the snapshot's voxels take.
func (s Snapshot) Bytes() int {
	n := 0
	for _, sl := range s.slices {
		n += len(sl)
	}
	return n
}
