package dicomseg

import (
	"fmt"
	"sort"
)

// emptyFrame reports whether frame f has no pixel set.
func (s *SEG) emptyFrame(f int) bool {
	n := s.Rows * s.Columns
	for p := 0; p < n; p++ {
		if s.bit(f, p) {
			return false
		}
	}
	return true
}

// checkCoverage refuses a SEG whose segments do not all have frames on
// the same slices when the SEG writes empty frames (as export-seg does:
// one frame per segment and annotated slice, empty where the label is
// absent). Such a SEG that lacks a segment's frame on one slice and has
// one on another has been edited or is broken (a frame moved to a
// slice that was not annotated), and importing it would silently drop
// tissue. SEGs that leave out empty frames are not held to this. ks[f]
// is the slice of frame f.
func (s *SEG) checkCoverage(ks []int) error {
	hasEmpty := false
	for f := range s.Frames {
		if s.emptyFrame(f) {
			hasEmpty = true
			break
		}
	}
	if !hasEmpty {
		return nil
	}
	all := map[int]bool{}
	per := map[int]map[int]bool{}
	for f, fr := range s.Frames {
		all[ks[f]] = true
		if per[fr.Segment] == nil {
			per[fr.Segment] = map[int]bool{}
		}
		per[fr.Segment][ks[f]] = true
	}
	for _, sg := range s.Segments {
		var missing []int
		for k := range all {
			if !per[sg.Number][k] {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			sort.Ints(missing)
			return fmt.Errorf("segment %d %q has no frame on slices %v, which other segments have frames on; this SEG writes empty frames, so a missing one means frames were moved or lost", sg.Number, sg.Label, missing)
		}
	}
	return nil
}
