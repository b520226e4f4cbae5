package annotate

import (
	"reflect"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// states builds slice states from a string: '#' annotated, '.' ignored,
// 'm' mixed.
func states(s string) []volume.SliceState {
	st := make([]volume.SliceState, len(s))
	for k, c := range s {
		switch c {
		case '#':
			st[k] = volume.Annotated
		case 'm':
			st[k] = volume.Mixed
		}
	}
	return st
}

// TestInferSliceGrid: partly labelled, stray and missing slices never
// change the stride; each is listed and makes the grid irregular.
func TestInferSliceGrid(t *testing.T) {
	for _, c := range []struct {
		name, states string
		want         SliceGrid
	}{
		{"every 5", "#....#....#....#", SliceGrid{Stride: 5, First: 0, Last: 15, OnGrid: 4}},
		{"phase 2", "..#....#....#....#..", SliceGrid{Stride: 5, First: 2, Last: 17, OnGrid: 4}},
		{"stray stroke", "#....#m...#....#", SliceGrid{Stride: 5, First: 0, Last: 15, OnGrid: 4, Mixed: []int{6}}},
		{"stray slice", "#....##...#....#", SliceGrid{Stride: 5, First: 0, Last: 15, OnGrid: 4, OffGrid: []int{6}}},
		{"missing", "#....#.........#....#", SliceGrid{Stride: 5, First: 0, Last: 20, OnGrid: 4, Missing: []int{10}}},
		{"mixed on the grid", "#....m....#....#", SliceGrid{Stride: 5, First: 0, Last: 15, OnGrid: 3, Mixed: []int{5}}},
		{"two strays", "#....#.##.#....#....#", SliceGrid{Stride: 5, First: 0, Last: 20, OnGrid: 5, OffGrid: []int{7, 8}}},
		{"dense", "########", SliceGrid{Stride: 1, First: 0, Last: 7, OnGrid: 8}},
		{"two slices", "..#.........#", SliceGrid{Stride: 10, First: 2, Last: 12, OnGrid: 2}},
		{"one slice", "...#...m", SliceGrid{Stride: 0, First: 3, Last: 3, OnGrid: 1, Mixed: []int{7}}},
		{"single-slice volume", "#", SliceGrid{Stride: 1, First: 0, Last: 0, OnGrid: 1}},
		{"nothing", "....", SliceGrid{}},
	} {
		g := InferSliceGrid(states(c.states))
		if !reflect.DeepEqual(g, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, g, c.want)
		}
		regular := len(c.want.Mixed)+len(c.want.OffGrid)+len(c.want.Missing) == 0 && c.want.Stride > 0
		if g.Regular() != regular || (len(g.Warnings()) == 0) != regular {
			t.Errorf("%s: regular %v, warnings %q", c.name, g.Regular(), g.Warnings())
		}
	}
}

// TestSliceGridOn: the grid extends past its first and last slices.
func TestSliceGridOn(t *testing.T) {
	g := SliceGrid{Stride: 5, First: 7}
	for k, want := range map[int]bool{2: true, 7: true, 12: true, 8: false, -3: true, 0: false} {
		if g.On(k) != want {
			t.Errorf("On(%d) = %v", k, !want)
		}
	}
	if (SliceGrid{}).On(0) {
		t.Error("a grid without stride holds slice 0")
	}
}
