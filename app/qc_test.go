package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// TestQCPanelFindJumpAcceptFix: QC runs when the case opens; choosing a
// finding jumps there and outlines the component; an accepted finding is
// hidden, kept on disk and across saves; fixing the speck with one
// relabel click and saving makes the finding go away.
func TestQCPanelFindJumpAcceptFix(t *testing.T) {
	dir := t.TempDir() + "/case_000"
	copyDir(t, demoSet(t)+"/case_000", dir)
	c, shown := controller(t)
	c.OpenPath(dir)
	s := wait(t, shown)
	fs := waitQC(t, c)
	var speck qc.Finding
	for _, f := range fs {
		if f.Rule == qc.RuleEnclosed {
			speck = f
		}
	}
	if speck.Rule == "" || len(s.QC.Findings()) != len(fs) {
		t.Fatalf("findings %v", fs)
	}
	marks := s.QC.Marks()
	slices := map[int]bool{}
	for _, f := range fs {
		if f.Slice >= 0 {
			slices[f.Slice] = true
		}
	}
	if len(marks) != len(slices) {
		t.Errorf("%d strip marks for %d slices with findings", len(marks), len(slices))
	}
	// Select the speck: the cursor jumps, the box outlines it.
	for n, f := range s.QC.Findings() {
		if f.Rule == qc.RuleEnclosed {
			s.QC.SelectFinding(n)
		}
	}
	if cur := s.Scene.Cursor(); cur != [3]int{speck.I, speck.J, speck.Slice} || !s.Scene.Box().Valid || s.Scene.Box().K != speck.Slice {
		t.Fatalf("cursor %v, box %+v after choosing %+v", cur, s.Scene.Box(), speck)
	}
	// Accept the components warning; it hides and is kept on disk.
	var comp qc.Finding
	for _, f := range fs {
		if f.Rule == qc.RuleComponents {
			comp = f
		}
	}
	c.Work.Accept(Signature(comp), "arm touching the table")
	settle(t, c)
	if len(s.QC.Findings()) != len(fs)-1 {
		t.Error("accepted finding still listed")
	}
	test.Tap(s.QC.showAccepted)
	if len(s.QC.Findings()) != len(fs) {
		t.Error("accepted finding not shown on request")
	}
	if acc, _ := (&store.Case{ID: "case_000", Dir: dir}).LoadAccepted(); acc[Signature(comp)] != "arm touching the table" {
		t.Errorf("accepted on disk: %v", acc)
	}
	// Fix the speck with one relabel click and save: QC runs again.
	ed := s.Editor
	ed.SetTool(ToolRelabel)
	ed.Label[annotate.MapRegions] = labels.RegionAbdominalCavity
	ed.Press(s.Views[0], [3]float64{float64(speck.I), float64(speck.J), float64(speck.Slice)}, false)
	ed.Release(s.Views[0])
	if err := saveResult(t, c, c.Save); err != nil {
		t.Fatal(err)
	}
	after := waitQC(t, c)
	for _, f := range after {
		if f.Rule == qc.RuleEnclosed {
			t.Errorf("speck still found after the fix: %+v", f)
		}
	}
	if len(after) != len(fs)-1 {
		t.Errorf("%d findings after the fix, %d before", len(after), len(fs))
	}
	if _, ok := s.QC.Accepted[Signature(comp)]; !ok {
		t.Error("acceptance lost across the save")
	}
}
