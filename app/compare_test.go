package app

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/metrics"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// menuAction finds a menu item of the window's main menu by label.
func menuAction(t *testing.T, c *Controller, label string) func() {
	t.Helper()
	for _, m := range c.Window.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it.Action
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// TestCompareWithProposal: File › Compare with… scores the current maps
// (with an unsaved edit) against the proposal kept by the first save; the
// table shows what metrics.Compare gives for the same maps, a row jumps to
// the label's worst slice and the overlay marks exactly the voxels of the
// label in one map only.
func TestCompareWithProposal(t *testing.T) {
	c, shown, lists := openReviewSet(t, reviewSet(t), "ann")
	recv(t, lists).OnOpen(0)
	s := wait(t, shown)
	dabBrain(s)
	if err := saveResult(t, c, c.Save); err != nil {
		t.Fatal(err)
	}
	// An unsaved edit on another row of the same slice.
	k0 := s.Views[viewer.Axial].Slice()
	s.Editor.Press(s.Views[viewer.Axial], [3]float64{60, 90, float64(k0)}, false)
	s.Editor.Release(s.Views[viewer.Axial])

	menuAction(t, c, "Compare with…")()
	tapButton(t, c, "Compare")
	settle(t, c)
	p := s.Compare
	if p == nil || p.Rows() == 0 {
		t.Fatal("no comparison shown")
	}

	// The peer: metrics on the proposal read from the revision's files.
	revs, err := c.Work.Review().Revisions(context.Background(), "case_000")
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions %v %v", revs, err)
	}
	var old [2]*volume.LabelMap
	for i, name := range []string{store.RegionsFile, store.PartsFile} {
		if old[i], _, err = nifti.LoadLabels(filepath.Join(revs[0].Path, name), nil); err != nil {
			t.Fatal(err)
		}
	}
	cur := s.Case.Layers
	want, err := metrics.Compare(metrics.Maps{Regions: old[0], Parts: old[1]}, metrics.Maps{Regions: cur.Regions, Parts: cur.Parts}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if p.Rows() != len(want.Labels) {
		t.Fatalf("%d rows, metrics gives %d labels", p.Rows(), len(want.Labels))
	}
	cell := widget.NewLabel("")
	brain := -1
	for r, sc := range want.Labels {
		hd := "∞"
		if sc.HD95 < 1e300 {
			hd = fmt.Sprintf("%.1f", sc.HD95)
		}
		for col, w := range map[int]string{0: sc.Map, 2: fmt.Sprintf("%.3f", sc.Dice), 3: fmt.Sprintf("%.3f", sc.NSD), 4: hd} {
			p.table.UpdateCell(widget.TableCellID{Row: r, Col: col}, cell)
			if cell.Text != w {
				t.Errorf("row %d (%s %s) column %s: %q, metrics %q", r, sc.Map, sc.Name, compareCols[col], cell.Text, w)
			}
		}
		if sc.Dice == 1 {
			if p.table.UpdateCell(widget.TableCellID{Row: r, Col: 5}, cell); cell.Text != "–" {
				t.Errorf("row %d (%s %s) agrees everywhere but names worst slice %q", r, sc.Map, sc.Name, cell.Text)
			}
		}
		if sc.Map == "regions" && sc.Label == labels.RegionBrain {
			brain = r
		}
	}
	if brain < 0 || want.Labels[brain].Dice >= 1 {
		t.Fatalf("brain row %d: the edits should make brain disagree", brain)
	}

	// The worst slice of brain, found here from the per-slice scores.
	worst, best := -1, 2.0
	for _, sl := range want.Slices {
		for _, sc := range sl.Labels {
			if sc.Map == "regions" && sc.Label == labels.RegionBrain && sc.Dice < best {
				worst, best = sl.Slice, sc.Dice
			}
		}
	}
	s.Scene.SetCursor([3]int{0, 0, 0})
	p.table.Select(widget.TableCellID{Row: brain, Col: 1})
	if k := s.Scene.Cursor()[2]; k != worst {
		t.Fatalf("choosing brain went to slice %d, its worst slice is %d", k, worst)
	}
	checkOverlay(t, s, old[0], cur.Regions, worst)
	// Another slice: the overlay follows the cursor.
	s.Scene.SetCursor([3]int{0, 0, worst + 5})
	checkOverlay(t, s, old[0], cur.Regions, worst+5)
}

// checkOverlay: the scene's disagreement marks on slice k are exactly the
// brain voxels in a only (OnlyA) and in b only (OnlyB), annotated in both.
func checkOverlay(t *testing.T, s *CaseScreen, a, b *volume.LabelMap, k int) {
	t.Helper()
	d := s.Scene.Disagreement()
	if !d.OnlyA.Valid || !d.OnlyB.Valid || d.OnlyA.K != k || d.OnlyB.K != k {
		t.Fatalf("overlay %v/%v on slices %d/%d, want %d", d.OnlyA.Valid, d.OnlyB.Valid, d.OnlyA.K, d.OnlyB.K, k)
	}
	nx, ny := a.Dims[0], a.Dims[1]
	marked := 0
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			va, vb := a.At(i, j, k), b.At(i, j, k)
			both := va != labels.NotAnnotated && vb != labels.NotAnnotated
			inA := both && va == labels.RegionBrain && vb != labels.RegionBrain
			inB := both && vb == labels.RegionBrain && va != labels.RegionBrain
			if d.OnlyA.Has(i, j) != inA || d.OnlyB.Has(i, j) != inB {
				t.Fatalf("voxel (%d,%d,%d) regions %d→%d: marked A %v B %v", i, j, k, va, vb, d.OnlyA.Has(i, j), d.OnlyB.Has(i, j))
			}
			if inA || inB {
				marked++
			}
		}
	}
	t.Logf("slice %d: %d disagreeing brain voxels", k, marked)
}
