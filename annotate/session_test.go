package annotate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// testCase is a 64×48×10 case: slices 0, 5 annotated, the rest 255; on
// slice 5 a body (region muscle 2, part torso 1) with a bone speck (5)
// inside an abdominal cavity (3), and an arm (region 2, part right arm 5).
func testCase(t testing.TB) *Session {
	g := volume.Grid{Dims: [3]int{64, 48, 10}, Spacing: [3]float64{1, 1.5, 5}, Affine: volume.Mat4{{-1, 0, 0, 0}, {0, -1.5, 0, 0}, {0, 0, 5, 0}, {0, 0, 0, 1}}}
	im := volume.NewImage(g)
	r, p := volume.NewLabelMap(g), volume.NewLabelMap(g)
	for k := 0; k < 10; k++ {
		for j := 0; j < 48; j++ {
			for i := 0; i < 64; i++ {
				idx := g.Index(i, j, k)
				im.Voxels[idx] = int16((i*37+j*11)%400 - 200)
				if k%5 != 0 {
					r.Voxels[idx], p.Voxels[idx] = 255, 255
					continue
				}
				if i >= 10 && i < 40 && j >= 8 && j < 40 {
					r.Voxels[idx], p.Voxels[idx] = 2, 1
					if i >= 15 && i < 35 && j >= 13 && j < 35 {
						r.Voxels[idx] = 3
					}
				}
				if i >= 48 && i < 58 && j >= 18 && j < 30 {
					r.Voxels[idx], p.Voxels[idx] = 2, 5
				}
			}
		}
	}
	r.Set(24, 22, 5, 5)
	r.Set(25, 22, 5, 5)
	s, err := NewSession(im, r, p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func snapshot(s *Session) [2][]byte {
	return [2][]byte{append([]byte(nil), s.Maps[0].Voxels...), append([]byte(nil), s.Maps[1].Voxels...)}
}

func same(s *Session, want [2][]byte) bool {
	return bytes.Equal(s.Maps[0].Voxels, want[0]) && bytes.Equal(s.Maps[1].Voxels, want[1])
}

// foregroundAgrees checks the data set's rule on every annotated slice.
func foregroundAgrees(t *testing.T, s *Session) {
	t.Helper()
	for i, r := range s.Maps[0].Voxels {
		p := s.Maps[1].Voxels[i]
		if r == 255 || p == 255 {
			if r != p {
				t.Fatalf("voxel %d: region %d, part %d", i, r, p)
			}
			continue
		}
		if (r > 0) != (p > 0) {
			t.Fatalf("voxel %d: region %d, part %d: foregrounds differ", i, r, p)
		}
	}
}

// tools are one action of every tool, each in its own stroke.
var tools = map[string]func(s *Session) int{
	"brush-region": func(s *Session) int { return s.Dab(5, 30, 30, Brush{Map: MapRegions, Label: 9, RadiusMM: 4}) },
	"brush-on-air": func(s *Session) int { return s.Dab(5, 44, 24, Brush{Map: MapRegions, Label: 1, RadiusMM: 3}) },
	"brush-part":   func(s *Session) int { return s.Dab(5, 20, 20, Brush{Map: MapParts, Label: 2, RadiusMM: 6}) },
	"eraser":       func(s *Session) int { return s.Dab(5, 12, 10, Brush{Map: MapRegions, Label: 0, RadiusMM: 5}) },
	"line":         func(s *Session) int { return s.Line(5, 12, 20, 55, 25, Brush{Map: MapRegions, Label: 4, RadiusMM: 1}) },
	"threshold": func(s *Session) int {
		return s.Dab(5, 25, 25, Brush{Map: MapRegions, Label: 7, RadiusMM: 8, Threshold: true, Lo: -30, Hi: 100})
	},
	"fill":          func(s *Session) int { return s.Fill(5, 20, 20, MapRegions, 4) },
	"fill-part":     func(s *Session) int { return s.Fill(5, 50, 20, MapParts, 6) },
	"relabel-speck": func(s *Session) int { return s.Relabel(5, 24, 22, MapRegions, 3) },
	"relabel-8":     func(s *Session) int { return s.RelabelConnected(5, 24, 22, MapRegions, 3, Eight) },
	"polygon":       func(s *Session) int { return s.Polygon(5, [][2]float64{{2, 2}, {30, 4}, {20, 30}}, MapRegions, 11) },
}

// TestUndoRedoProperty: for every tool, undo restores the snapshot exactly,
// redo gives the edited maps again, and a new edit after an undo clears
// the redo tail. Foreground agreement holds throughout.
func TestUndoRedoProperty(t *testing.T) {
	for name, tool := range tools {
		t.Run(name, func(t *testing.T) {
			s := testCase(t)
			before := snapshot(s)
			if err := s.Begin(name); err != nil {
				t.Fatal(err)
			}
			if n := tool(s); n == 0 {
				t.Fatal("the tool changed nothing")
			}
			c := s.Commit()
			if c == nil || c.Changed == 0 || s.History.UndoName() != name || !s.Dirty() {
				t.Fatalf("commit %+v", c)
			}
			foregroundAgrees(t, s)
			after := snapshot(s)
			if _, err := s.Undo(); err != nil || !same(s, before) {
				t.Fatalf("undo: %v, equal %v", err, same(s, before))
			}
			if s.Dirty() {
				t.Error("dirty after undoing to the saved state")
			}
			if _, err := s.Redo(); err != nil || !same(s, after) {
				t.Fatalf("redo: %v", err)
			}
			s.Undo()
			s.Begin("other")
			s.Dab(5, 30, 20, Brush{Map: MapRegions, Label: 12, RadiusMM: 2})
			s.Commit()
			if _, r := s.History.Len(); r != 0 {
				t.Errorf("%d redo steps after a new edit", r)
			}
		})
	}
}

func TestOnlyAnnotatedSlicesAreEditable(t *testing.T) {
	s := testCase(t)
	if err := s.Editable(5); err != nil {
		t.Error(err)
	}
	if err := s.Editable(3); err == nil || !strings.Contains(err.Error(), "slice 3 is not annotated") {
		t.Errorf("ignored slice: %v", err)
	}
	s.Maps[0].Set(1, 1, 0, 255)
	if err := s.Editable(0); err == nil || !strings.Contains(err.Error(), "mixed") {
		t.Errorf("mixed slice: %v", err)
	}
	s.ReadOnly = true
	if err := s.Begin("x"); err != ErrReadOnly {
		t.Errorf("read-only begin: %v", err)
	}
	// Tools do nothing outside a stroke or the volume, and never write 255
	// voxels.
	if n := s.Dab(5, 30, 30, Brush{Map: MapRegions, Label: 2, RadiusMM: 5}); n != 0 {
		t.Errorf("painted %d voxels outside a stroke", n)
	}
	s.ReadOnly = false
	s.Begin("x")
	if n := s.Dab(3, 30, 30, Brush{Map: MapRegions, Label: 2, RadiusMM: 5}); n != 0 {
		t.Errorf("painted %d voxels on an ignored slice", n)
	}
	s.Abort()
}

// TestProtectionAndLocks: protected and locked voxels never change.
func TestProtectionAndLocks(t *testing.T) {
	s := testCase(t)
	s.Protect = Protection{Mode: OverBackground}
	s.Begin("p")
	s.Dab(5, 12, 10, Brush{Map: MapRegions, Label: 9, RadiusMM: 6})
	s.Commit()
	if s.Maps[0].At(12, 10, 5) != 2 || s.Maps[0].At(8, 10, 5) != 9 {
		t.Errorf("over background: body %d, air %d", s.Maps[0].At(12, 10, 5), s.Maps[0].At(8, 10, 5))
	}
	s.Protect = Protection{Mode: OverLabel, Label: 3}
	s.Begin("q")
	s.Dab(5, 15, 20, Brush{Map: MapRegions, Label: 9, RadiusMM: 4})
	s.Commit()
	if s.Maps[0].At(14, 20, 5) != 2 || s.Maps[0].At(16, 20, 5) != 9 {
		t.Errorf("over label 3: muscle %d, cavity %d", s.Maps[0].At(14, 20, 5), s.Maps[0].At(16, 20, 5))
	}
	s.Protect = Protection{}
	s.Locked[MapRegions][5] = true
	s.Begin("r")
	s.Relabel(5, 24, 22, MapRegions, 3)
	s.Fill(5, 20, 20, MapRegions, 9)
	s.Commit()
	if s.Maps[0].At(24, 22, 5) != 5 {
		t.Error("locked bone changed")
	}
	// A locked part keeps its voxels from being erased through regions.
	s.Locked[MapParts][5] = true
	s.Begin("e")
	s.Dab(5, 52, 24, Brush{Map: MapRegions, Label: 0, RadiusMM: 3})
	s.Abort()
	s.Begin("e")
	s.Dab(5, 52, 24, Brush{Map: MapRegions, Label: 0, RadiusMM: 3})
	s.Commit()
	if s.Maps[1].At(52, 24, 5) != 5 || s.Maps[0].At(52, 24, 5) != 2 {
		t.Error("erasing went through a locked part")
	}
	foregroundAgrees(t, s)
}

// TestPartsFollowRegions: painting a region on air gives the voxels the
// nearest part; erasing clears both; parts are never painted on air.
func TestPartsFollowRegions(t *testing.T) {
	s := testCase(t)
	s.Begin("a")
	s.Dab(5, 44, 24, Brush{Map: MapRegions, Label: 1, RadiusMM: 2}) // between body and right arm, nearer the arm
	s.Commit()
	if r, p := s.Pick(44, 24, 5); r != 1 || p != 5 {
		t.Errorf("painted on air: region %d part %d, want 1 and the arm's 5", r, p)
	}
	s.Begin("b")
	s.Dab(5, 3, 3, Brush{Map: MapRegions, Label: 1, RadiusMM: 1}) // far from any body: the active part
	s.Commit()
	if _, p := s.Pick(3, 3, 5); p != labels.PartTorso {
		t.Errorf("far from the body: part %d", p)
	}
	s.Begin("c")
	n := s.Dab(5, 60, 5, Brush{Map: MapParts, Label: 2, RadiusMM: 2})
	s.Commit()
	if n != 0 {
		t.Errorf("painted %d parts on air", n)
	}
	s.Begin("d")
	s.Dab(5, 20, 20, Brush{Map: MapParts, Label: 0, RadiusMM: 2})
	s.Commit()
	if r, p := s.Pick(20, 20, 5); r != 0 || p != 0 {
		t.Errorf("part eraser left region %d part %d", r, p)
	}
	foregroundAgrees(t, s)
}

// TestLineIsContinuous: two pointer events far apart leave no gaps.
func TestLineIsContinuous(t *testing.T) {
	s := testCase(t)
	s.Begin("line")
	s.Line(5, 2, 44, 62, 44, Brush{Map: MapRegions, Label: 9, RadiusMM: 1})
	s.Commit()
	for i := 2; i <= 62; i++ {
		if s.Maps[0].At(i, 44, 5) != 9 {
			t.Fatalf("gap at i=%d", i)
		}
	}
}

func TestMarkAndRestoreSlice(t *testing.T) {
	s := testCase(t)
	before := snapshot(s)
	if err := s.MarkNotAnnotated(5, "metal artefact"); err != nil {
		t.Fatal(err)
	}
	if s.Maps[0].SliceState(5) != volume.Ignored || s.Maps[1].SliceState(5) != volume.Ignored || s.Notes[5] != "metal artefact" {
		t.Fatal("slice not marked")
	}
	if err := s.RestoreSlice(5); err != nil || !same(s, before) {
		t.Fatalf("restore: %v", err)
	}
	s.Undo()
	s.Undo()
	if !same(s, before) {
		t.Error("undo of mark and restore")
	}
	if err := s.RestoreSlice(3); err != nil || s.Maps[0].SliceState(3) != volume.Annotated || s.Maps[0].At(30, 30, 3) != 0 {
		t.Errorf("restoring a slice never annotated: %v", err)
	}
}

// TestUndoBudgetKeepsLastCommits: past the budget the oldest commits go,
// never the newest KeepCommits.
func TestUndoBudgetKeepsLastCommits(t *testing.T) {
	s := testCase(t)
	s.History.Budget = 1
	for n := 0; n < 30; n++ {
		s.Begin("dab")
		s.Dab(5, float64(10+n), 20, Brush{Map: MapRegions, Label: uint8(1 + n%12), RadiusMM: 2})
		s.Commit()
	}
	if u, _ := s.History.Len(); u != KeepCommits {
		t.Errorf("%d undo steps kept, want %d", u, KeepCommits)
	}
}
