package app

import "github.com/saros-review/saros-review/viewer"

// pointerVoxel is the voxel under the pointer, while it is over a view.
type pointerVoxel struct {
	ijk  [3]int
	over bool
	view viewer.View // the view the pointer is over
}

// The readout line describes the voxel under the pointer while the pointer
// is over a view, else the cursor voxel. It follows every change: the
// pointer moving, the cursor or slice changing (by keys, the wheel, a
// jump), and the label maps changing (a stroke, undo, redo), so it never
// names a slice or a label that is no longer there.

// hover notes the voxel under the pointer (ok false: the pointer left the
// volume) and shows it.
func (s *CaseScreen) hover(ijk [3]int, ok bool) {
	s.pointer = pointerVoxel{ijk: ijk, over: ok, view: s.Scene.Active().View()}
	s.showReadout()
}

// followCursor keeps the readout on the slice shown after the cursor
// moved: the pointer stays where it is on the screen, but the view under
// it now shows the cursor's slice.
func (s *CaseScreen) followCursor(c [3]int) {
	if s.pointer.over {
		n := s.Views[s.pointer.view].Frame().Normal
		s.pointer.ijk[n] = c[n]
	}
	s.showReadout()
}

// showReadout describes the voxel under the pointer, or the cursor voxel,
// as the maps are now.
func (s *CaseScreen) showReadout() {
	if s.pointer.over {
		s.readout.SetText("pointer: " + Readout(s.Case.Layers, s.pointer.ijk))
		return
	}
	s.readout.SetText("cursor: " + Readout(s.Case.Layers, s.Scene.Cursor()))
}

// ReadoutText is the readout line (for tests and screenshots).
func (s *CaseScreen) ReadoutText() string { return s.readout.Text }
