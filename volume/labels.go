package volume

import (
	"bytes"
	"fmt"
)

var notAnnotated = []byte{NotAnnotated}

// NotAnnotated is the label value of voxels on slices nobody annotated.
const NotAnnotated = 255

// LabelMap is a label volume, one uint8 label value per voxel.
type LabelMap struct {
	Grid
	Voxels []uint8 // len Grid.Len(), x fastest
}

// NewLabelMap allocates a label map on the grid with every voxel 0.
func NewLabelMap(g Grid) *LabelMap { return &LabelMap{Grid: g, Voxels: make([]uint8, g.Len())} }

// WrapLabelMap makes a label map of existing voxels, which must number g.Len().
func WrapLabelMap(g Grid, v []uint8) (*LabelMap, error) {
	if len(v) != g.Len() {
		return nil, fmt.Errorf("label map: %d voxels for a %s grid", len(v), FormatDims(g.Dims))
	}
	return &LabelMap{Grid: g, Voxels: v}, nil
}

// At returns the label at (i, j, k).
func (m *LabelMap) At(i, j, k int) uint8 { return m.Voxels[m.Index(i, j, k)] }

// Set stores label v at (i, j, k).
func (m *LabelMap) Set(i, j, k int, v uint8) { m.Voxels[m.Index(i, j, k)] = v }

// Axial returns axial slice k as a view sharing the map's memory.
func (m *LabelMap) Axial(k int) []uint8 {
	n := m.Dims[0] * m.Dims[1]
	return m.Voxels[k*n : (k+1)*n : (k+1)*n]
}

// Clone returns a deep copy.
func (m *LabelMap) Clone() *LabelMap {
	return &LabelMap{Grid: m.Grid, Voxels: append([]uint8(nil), m.Voxels...)}
}

// SliceState says whether an axial slice was annotated.
type SliceState uint8

// The states of an axial slice of a label map.
const (
	Ignored   SliceState = iota // every voxel is 255: nobody annotated it
	Annotated                   // no voxel is 255
	Mixed                       // both 255 and other values: a defect
)

// String returns "ignored", "annotated" or "mixed".
func (s SliceState) String() string {
	switch s {
	case Ignored:
		return "ignored"
	case Annotated:
		return "annotated"
	case Mixed:
		return "mixed"
	}
	return fmt.Sprintf("SliceState(%d)", int(s))
}

// SliceState classifies axial slice k by scanning it for 255 (with the
// vectorised byte count: 512×512×110 takes a few milliseconds).
func (m *LabelMap) SliceState(k int) SliceState {
	s := m.Axial(k)
	switch n255 := bytes.Count(s, notAnnotated); n255 {
	case len(s):
		return Ignored
	case 0:
		return Annotated
	}
	return Mixed
}

// SliceStates classifies every axial slice.
func (m *LabelMap) SliceStates() []SliceState {
	st := make([]SliceState, m.Dims[2])
	for k := range st {
		st[k] = m.SliceState(k)
	}
	return st
}

// AnnotatedSlices lists the axial slices that hold any annotation (state
// Annotated or Mixed), found by scanning for 255, never by assuming a stride.
func (m *LabelMap) AnnotatedSlices() []int {
	var ks []int
	for k := 0; k < m.Dims[2]; k++ {
		if m.SliceState(k) != Ignored {
			ks = append(ks, k)
		}
	}
	return ks
}

// Histogram counts the voxels of each label value.
func (m *LabelMap) Histogram() [256]int {
	var h [256]int
	for _, v := range m.Voxels {
		h[v]++
	}
	return h
}
