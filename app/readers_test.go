package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/metrics"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// loadPair reads the two maps in dir.
func loadPair(t *testing.T, dir string) [2]*volume.LabelMap {
	t.Helper()
	var out [2]*volume.LabelMap
	for i, name := range []string{store.RegionsFile, store.PartsFile} {
		m, _, err := nifti.LoadLabels(filepath.Join(dir, name), nil)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = m
	}
	return out
}

// fileBytes reads the two map files of dir.
func fileBytes(t *testing.T, dir string) [2][]byte {
	t.Helper()
	var out [2][]byte
	for i, name := range []string{store.RegionsFile, store.PartsFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = b
	}
	return out
}

// historyTab shows the History tab of s and returns its content.
func historyTab(t *testing.T, s *CaseScreen) fyne.CanvasObject {
	t.Helper()
	for _, it := range s.tabs.Items {
		if it.Text == "History" {
			s.tabs.Select(it)
			return it.Content
		}
	}
	t.Fatal("no History tab")
	return nil
}

// TestDoubleReading: an admin assigns a second reader in the Assign
// dialog; the second reader opens the case blind (the proposal, not the
// first reader's stroke) and their save leaves the case's maps
// byte-identical, writing their own folder; the reviewer's Compare
// readers shows what metrics.Compare gives for the two sets of files and
// records the agreement (the lab report shows it); Take second reader's
// maps saves them as the case's maps, the first reader's kept in history.
func TestDoubleReading(t *testing.T) {
	dir := reviewSet(t)
	ctx := context.Background()
	caseDir := filepath.Join(dir, "case_000")
	// The first reader (the window's login, an admin) paints and saves.
	c, shown, lists := openReviewSet(t, dir, "")
	recv(t, lists).OnOpen(0)
	first := c.Work.User()
	s := wait(t, shown)
	k := dabBrain(s)
	if err := saveResult(t, c, c.Save); err != nil {
		t.Fatal(err)
	}
	c.showWorklist()
	wl := recv(t, lists)
	firstMaps := fileBytes(t, caseDir)
	revs, err := c.Work.Review().Revisions(ctx, "case_000")
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions %v %v", revs, err)
	}
	proposal := loadPair(t, revs[0].Path)
	if proposal[0].At(100, 128, k) == labels.RegionBrain || loadPair(t, caseDir)[0].At(100, 128, k) != labels.RegionBrain {
		t.Fatal("the first reader's stroke should differ from the proposal")
	}

	// Assign: bob, an annotator the admin granted a role, is the second
	// reader.
	if err := c.Work.Review().Grant(ctx, "bob", review.Annotator); err != nil {
		t.Fatal(err)
	}
	wl.selected = 0
	wl.OnAssign()
	settle(t, c)
	var entries []*widget.Entry
	for _, o := range test.LaidOutObjects(c.Window.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			entries = append(entries, e)
		}
	}
	if len(entries) != 3 {
		t.Fatalf("the Assign dialog has %d entries, want annotator, reviewer, second reader", len(entries))
	}
	entries[0].SetText(first)
	entries[2].SetText("bob")
	tapButton(t, c, "Assign")
	settle(t, c)
	if got, err := c.Work.Review().SecondReader(ctx, "case_000"); err != nil || got != "bob" {
		t.Fatalf("second reader %q %v", got, err)
	}

	// Bob opens the case (a store trusting names stands in for his login).
	c2, shown2 := controller(t)
	ds, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	rv, err := review.OpenFor(ctx, dir, "", []string{"case_000", "case_001", "case_002"})
	if err != nil {
		t.Fatal(err)
	}
	c2.setDataset(ds, rv, "bob", review.Annotator)
	// The first reader is editing the case; the second reader opens it
	// all the same (their lock is their own).
	c.OpenCase(0)
	wait(t, shown)
	settle(t, c)
	// The case's annotated slices, as the store knows them, are the
	// case's: the second reader's open does not rewrite them from the
	// proposal.
	if err := rv.SetAnnotatedSlices(ctx, "case_000", []int{k}); err != nil {
		t.Fatal(err)
	}
	c2.OpenCase(0)
	s2 := wait(t, shown2)
	settle(t, c2)
	if s2.Case.Edit.ReadOnly {
		t.Fatal("the second reader is read-only while the first reader edits")
	}
	if got, err := rv.AnnotatedSlices(ctx, "case_000"); err != nil || len(got) != 1 || got[0] != k {
		t.Errorf("the second reader's open recorded the annotated slices %v (%v), want [%d]", got, err, k)
	}
	if s2.Case.Reader != "bob" {
		t.Fatalf("opened as reader %q", s2.Case.Reader)
	}
	for _, o := range s2.statusActions.Objects {
		if b, ok := o.(*widget.Button); ok {
			t.Errorf("the blind reader's status bar offers %q", b.Text)
		}
	}
	// Nor does he add flags or comments to the case (F, or a typed comment);
	// F says why at once instead of opening the flag dialog.
	c2.dialogs.flag(s2)
	if c2.Window.Canvas().Overlays().Top() != nil || !strings.Contains(s2.message.Text, "blind") {
		t.Errorf("F for the blind reader: dialog %v, message %q", c2.Window.Canvas().Overlays().Top() != nil, s2.message.Text)
	}
	nComments, _ := rv.Comments(ctx, "case_000")
	nFlags, _ := rv.Flags(ctx, "case_000")
	c2.Work.AddComment("bob was here", nil)
	c2.Work.AddFlag([3]int{10, 10, k}, "wrong label", "bob flag")
	settle(t, c2)
	if cs, _ := rv.Comments(ctx, "case_000"); len(cs) != len(nComments) {
		t.Error("the blind reader commented on the case")
	}
	if fs, _ := rv.Flags(ctx, "case_000"); len(fs) != len(nFlags) {
		t.Error("the blind reader flagged the case")
	}
	if r := s2.Case.Review; !r.Known || len(r.Revisions)+len(r.Audit)+len(r.Flags)+len(r.Comments) != 0 {
		t.Fatalf("the blind reader sees the case's history: %d revisions, %d audit rows, %d flags, %d comments",
			len(r.Revisions), len(r.Audit), len(r.Flags), len(r.Comments))
	}
	if !bytes.Equal(s2.Case.Layers.Regions.Voxels, proposal[0].Voxels) || !bytes.Equal(s2.Case.Layers.Parts.Voxels, proposal[1].Voxels) {
		t.Fatal("the second reader does not see the proposal")
	}
	if s2.Case.Layers.Regions.At(100, 128, k) == labels.RegionBrain {
		t.Fatal("the first reader's stroke is visible to the second reader")
	}
	// Bob paints elsewhere and saves: the case's maps stay as they were.
	s2.Scene.SetCursor([3]int{0, 0, k})
	s2.Editor.SetTool(ToolBrush)
	s2.Editor.Label[annotate.MapRegions] = labels.RegionBrain
	s2.Editor.Press(s2.Views[viewer.Axial], [3]float64{60, 90, float64(k)}, false)
	s2.Editor.Release(s2.Views[viewer.Axial])
	// ... and on the next annotated slice too.
	k2 := -1
	for _, a := range s2.Case.Layers.Regions.AnnotatedSlices() {
		if a > k && k2 < 0 {
			k2 = a
		}
	}
	s2.Scene.SetCursor([3]int{0, 0, k2})
	s2.Editor.Press(s2.Views[viewer.Axial], [3]float64{60, 90, float64(k2)}, false)
	s2.Editor.Release(s2.Views[viewer.Axial])
	if err := saveResult(t, c2, c2.Save); err != nil {
		t.Fatal(err)
	}
	if got := fileBytes(t, caseDir); !bytes.Equal(got[0], firstMaps[0]) || !bytes.Equal(got[1], firstMaps[1]) {
		t.Fatal("the second reader's save changed the case's maps")
	}
	bobDir, _ := casework.ReaderDir(caseDir, "bob")
	bob := loadPair(t, bobDir)
	if !bytes.Equal(bob[0].Voxels, s2.Case.Layers.Regions.Voxels) || !bytes.Equal(bob[1].Voxels, s2.Case.Layers.Parts.Voxels) {
		t.Fatal("the reader's folder does not hold what they saved")
	}
	if s2.Case.Edit.Dirty() {
		t.Error("still dirty after the reader's save")
	}
	// Bob's second window is read-only and may not save over his reading.
	c2b, shown2b := controller(t)
	rv2b, err := review.OpenFor(ctx, dir, "", []string{"case_000", "case_001", "case_002"})
	if err != nil {
		t.Fatal(err)
	}
	c2b.setDataset(ds, rv2b, "bob", review.Annotator)
	c2b.OpenCase(0)
	s2b := wait(t, shown2b)
	settle(t, c2b)
	if !s2b.Case.Edit.ReadOnly || s2b.Case.Reader != "bob" {
		t.Fatalf("bob's second window: read-only %v, reader %q", s2b.Case.Edit.ReadOnly, s2b.Case.Reader)
	}
	var saveErr error
	saved := false
	c2b.Work.Save(func(err error) { saveErr, saved = err, true })
	settle(t, c2b)
	if !saved || !errors.Is(saveErr, casework.ErrNoLock) {
		t.Fatalf("bob's read-only window saved his reading (finished %v: %v)", saved, saveErr)
	}
	if again := loadPair(t, bobDir); !bytes.Equal(again[0].Voxels, bob[0].Voxels) {
		t.Fatal("bob's read-only window changed his saved reading")
	}
	c2b.showWorklist()
	settle(t, c2b)
	// An annotator is not offered Assign…: the worklist says why.
	c2b.Worklist.selected = 0
	c2b.Worklist.OnAssign()
	if c2b.Window.Canvas().Overlays().Top() != nil || !strings.Contains(c2b.shell.line.Text, "for admins and reviewers; you are an annotator") {
		t.Errorf("an annotator's Assign…: dialog %v, message %q", c2b.Window.Canvas().Overlays().Top() != nil, c2b.shell.line.Text)
	}
	// Their save is recorded apart from the case's revisions, with their
	// maps' voxels against the proposal, and counts in the lab report.
	settle(t, c2)
	readings, err := rv.ReaderSaves(ctx, "case_000")
	if err != nil || len(readings) != 1 || readings[0].Login != "bob" {
		t.Fatalf("readings %+v %v", readings, err)
	}
	wantVs := map[string]int{}
	for m, name := range []string{"regions", "parts"} {
		ch, err := metrics.Changes(name, proposal[m], bob[m])
		if err != nil {
			t.Fatal(err)
		}
		for key, v := range ch {
			wantVs[key] = v
		}
	}
	if len(wantVs) == 0 || fmt.Sprint(readings[0].VsProposal) != fmt.Sprint(wantVs) {
		t.Errorf("the reading's voxels against the proposal %v, want %v", readings[0].VsProposal, wantVs)
	}
	if revs2, _ := rv.Revisions(ctx, "case_000"); len(revs2) != 1 {
		t.Errorf("the reading became a revision: %d revisions", len(revs2))
	}
	if rep, _ := rv.LabReport(ctx); !hasReader(rep, "bob", 1) {
		t.Errorf("the lab report does not count bob's reading: %+v", rep)
	}
	// The history (the first reader's maps once saved twice) stays shut.
	n := len(testers[c2].events)
	c2.Work.RestoreRevision(revs[0])
	settle(t, c2)
	if evs := testers[c2].events[n:]; len(evs) != 1 || evs[0].Kind != casework.Failed || !errors.Is(evs[0].Err, casework.ErrBlind) {
		t.Fatalf("a second reader read a revision: %+v", evs)
	}
	c2.showWorklist()
	settle(t, c2)

	// The first reader may not compare or merge the two readings.
	c.OpenCase(0)
	s1 := wait(t, shown)
	if s1.Case.Reader != "" {
		t.Fatal("the first reader opened the case as a second reader")
	}
	tapIn(t, historyTab(t, s1), "Compare readers")
	settle(t, c)
	if s1.Compare != nil || !strings.Contains(s1.message.Text, "first reader") {
		t.Fatalf("the first reader compared the readings (message %q)", s1.message.Text)
	}
	c.showWorklist()
	settle(t, c)

	// The reviewer, rev, compares the readers: the table is what
	// metrics.Compare gives for the two sets of files, and the agreement
	// is recorded for the lab report.
	c3, shown3 := controller(t)
	rv3, err := review.OpenFor(ctx, dir, "", []string{"case_000", "case_001", "case_002"})
	if err != nil {
		t.Fatal(err)
	}
	if err := rv3.AddUser(ctx, "rev", review.Reviewer); err != nil {
		t.Fatal(err)
	}
	c3.setDataset(ds, rv3, "rev", review.Reviewer)
	c3.OpenCase(0)
	s3 := wait(t, shown3)
	tapIn(t, historyTab(t, s3), "Compare readers")
	settle(t, c3)
	p := s3.Compare
	main := loadPair(t, caseDir)
	want, err := metrics.Compare(metrics.Maps{Regions: bob[0], Parts: bob[1]}, metrics.Maps{Regions: main[0], Parts: main[1]}, metrics.DefaultTolerance)
	if err != nil {
		t.Fatal(err)
	}
	if p == nil || p.Rows() != len(want.Labels) {
		t.Fatalf("compare readers: %v rows, metrics %d", p, len(want.Labels))
	}
	cell := widget.NewLabel("")
	tableIs := func(when string, want *metrics.Result) {
		t.Helper()
		if p.Rows() != len(want.Labels) {
			t.Fatalf("%s: %d rows, metrics %d", when, p.Rows(), len(want.Labels))
		}
		for r, sc := range want.Labels {
			hd := "∞"
			if !math.IsInf(sc.HD95, 0) {
				hd = fmt.Sprintf("%.1f", sc.HD95)
			}
			for col, w := range map[int]string{0: sc.Map, 2: fmt.Sprintf("%.3f", sc.Dice), 3: fmt.Sprintf("%.3f", sc.NSD), 4: hd} {
				p.table.UpdateCell(widget.TableCellID{Row: r, Col: col}, cell)
				if cell.Text != w {
					t.Errorf("%s: row %d column %s: %q, metrics %q", when, r, compareCols[col], cell.Text, w)
				}
			}
		}
	}
	tableIs("compare readers", want)
	if !strings.Contains(p.title.Text, "recorded for the lab report") {
		t.Errorf("title %q does not say the agreement was recorded", p.title.Text)
	}
	sum := 0.0
	for _, sc := range want.Labels {
		sum += sc.Dice
	}
	rep, err := rv3.LabReport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rep {
		if r.Annotator == first {
			found = r.DoubleRead == 1 && r.MeanDice != nil && math.Abs(*r.MeanDice-sum/float64(len(want.Labels))) < 1e-9
		}
	}
	if !found || sum == float64(len(want.Labels)) {
		t.Fatalf("lab report %+v: want one double read of mean Dice %v (below 1)", rep, sum/float64(len(want.Labels)))
	}

	// Merge slice by slice: on slice k the reviewer takes the second
	// reader's slice. Only slice k changes, to bob's; the table follows.
	per := bob[0].Dims[0] * bob[0].Dims[1]
	merged := [2][]uint8{bytes.Clone(main[0].Voxels), bytes.Clone(main[1].Voxels)}
	for m := range merged {
		copy(merged[m][k*per:(k+1)*per], bob[m].Voxels[k*per:(k+1)*per])
	}
	wantMerged, err := metrics.Compare(metrics.Maps{Regions: bob[0], Parts: bob[1]},
		metrics.Maps{Regions: &volume.LabelMap{Grid: bob[0].Grid, Voxels: merged[0]}, Parts: &volume.LabelMap{Grid: bob[0].Grid, Voxels: merged[1]}}, metrics.DefaultTolerance)
	if err != nil {
		t.Fatal(err)
	}
	takeK := func() {
		t.Helper()
		s3.Scene.SetCursor([3]int{0, 0, k})
		tapIn(t, p.tab.Content, "Take this slice from A")
		settle(t, c3)
		if !bytes.Equal(s3.Case.Layers.Regions.Voxels, merged[0]) || !bytes.Equal(s3.Case.Layers.Parts.Voxels, merged[1]) {
			t.Fatal("after taking slice k the maps are not the first reader's with the second reader's slice k")
		}
		tableIs("after the take", wantMerged)
		if !strings.Contains(p.title.Text, "Scored again after an edit") || strings.Contains(p.title.Text, "recorded for the lab report.") {
			t.Errorf("title after the take %q: still the comparison's note", p.title.Text)
		}
	}
	// An edit and its undo score the comparison again first: the take is
	// then made on a comparison scored after an edit, which must still be
	// the second reader's.
	s3.Scene.SetCursor([3]int{0, 0, k})
	dabBrain(s3)
	settle(t, c3)
	c3.Undo()
	settle(t, c3)
	tableIs("after an edit and its undo", want)
	takeK()
	// Unsaved, the maps are not the case's: comparing records nothing.
	tapIn(t, historyTab(t, s3), "Compare readers")
	settle(t, c3)
	if again, _ := rv3.LabReport(ctx); reportJSON(t, again) != reportJSON(t, rep) || !strings.Contains(p.title.Text, "unsaved edits") {
		t.Errorf("comparing with unsaved edits (title %q) changed the lab report:\n%s\n%s", p.title.Text, reportJSON(t, rep), reportJSON(t, again))
	}
	c3.Undo()
	settle(t, c3)
	if !bytes.Equal(s3.Case.Layers.Regions.Voxels, main[0].Voxels) || !bytes.Equal(s3.Case.Layers.Parts.Voxels, main[1].Voxels) {
		t.Fatal("undo did not bring the first reader's slice back")
	}
	tableIs("after the undo", want)
	// With the Compare tab hidden an edit only marks the table stale; it
	// is scored when the tab is shown again.
	historyTab(t, s3)
	if !c3.Work.TakeSlice(p.cmp, k) {
		t.Fatal("the slice was not taken")
	}
	settle(t, c3)
	tableIs("hidden, after a take", want)
	s3.tabs.Select(p.tab)
	settle(t, c3)
	tableIs("shown again", wantMerged)
	c3.Undo()
	settle(t, c3)
	tableIs("after the second undo", want)
	if hasAuditAction(t, c3, review.ActionTakeReaderSlice) {
		t.Error("a take undone before any save is in the audit log")
	}
	// Taken again (on the comparison scored after the undo) and saved:
	// the save is audited, and the readings, no longer independent, are
	// compared without recording.
	takeK()
	// Taking it again changes nothing and says so (no edit to undo or save).
	undoName := c3.Screen.Case.Edit.History.UndoName()
	if c3.Work.TakeSlice(p.cmp, k) || c3.Screen.Case.Edit.History.UndoName() != undoName || !strings.Contains(s3.message.Text, "nothing to take") {
		t.Errorf("a second take of the same slice: undo %q, message %q", c3.Screen.Case.Edit.History.UndoName(), s3.message.Text)
	}
	if err := saveResult(t, c3, c3.Save); err != nil {
		t.Fatal(err)
	}
	settle(t, c3)
	if now := loadPair(t, caseDir); !bytes.Equal(now[0].Voxels, merged[0]) || !bytes.Equal(now[1].Voxels, merged[1]) {
		t.Fatal("the saved maps are not the merged maps")
	}
	if !hasAuditAction(t, c3, review.ActionTakeReaderSlice) {
		t.Fatal("the saved take of the second reader's slice is not audited")
	}
	if n := len(s3.Case.Review.Audit); n == 0 || s3.Case.Review.Audit[n-1].Action != review.ActionTakeReaderSlice {
		t.Error("the History tab's audit log does not show the take after the save")
	}
	tapIn(t, historyTab(t, s3), "Compare readers")
	settle(t, c3)
	if again, _ := rv3.LabReport(ctx); agreements(again) != agreements(rep) || !strings.Contains(p.title.Text, "taken into the case's maps") {
		t.Errorf("comparing merged readers (title %q) changed the agreements:\n%s\n%s", p.title.Text, agreements(rep), agreements(again))
	}

	// Take the second reader's maps: they become the case's, the merged
	// maps stay in history, the audit log says so.
	savedMerged := fileBytes(t, caseDir)
	tapIn(t, historyTab(t, s3), "Take second reader's maps…")
	tapButton(t, c3, "Yes")
	settle(t, c3)
	now := loadPair(t, caseDir)
	if !bytes.Equal(now[0].Voxels, bob[0].Voxels) || !bytes.Equal(now[1].Voxels, bob[1].Voxels) {
		t.Fatal("the case's maps are not the second reader's")
	}
	revs, _ = rv3.Revisions(ctx, "case_000")
	if len(revs) != 3 {
		t.Fatalf("%d revisions, want the first reader's save, the merge and the take", len(revs))
	}
	last := revs[0]
	for _, r := range revs {
		if r.ID > last.ID {
			last = r
		}
	}
	if kept := fileBytes(t, last.Path); !bytes.Equal(kept[0], savedMerged[0]) || !bytes.Equal(kept[1], savedMerged[1]) {
		t.Fatal("the history does not keep the maps the take replaced")
	}
	evs, _ := rv3.Audit(ctx, "case_000")
	if len(evs) == 0 || evs[len(evs)-1].Action != review.ActionTakeReader {
		t.Fatalf("audit %+v", evs)
	}
}

// hasAuditAction says whether the open case's audit log has action.
func hasAuditAction(t *testing.T, c *Controller, action string) bool {
	t.Helper()
	evs, err := c.Work.Review().Audit(context.Background(), c.Screen.Case.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.Action == action {
			return true
		}
	}
	return false
}

// hasReader says whether the lab report has a line for who with cases.
func hasReader(rep []review.AnnotatorReport, who string, cases int) bool {
	for _, r := range rep {
		if r.Annotator == who {
			return r.Cases == cases
		}
	}
	return false
}

// reportJSON is the lab report as the command prints it.
func reportJSON(t *testing.T, rep []review.AnnotatorReport) string {
	t.Helper()
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// agreements are the lab report's double-read columns, per person.
func agreements(rep []review.AnnotatorReport) string {
	var b strings.Builder
	for _, r := range rep {
		if r.DoubleRead > 0 {
			fmt.Fprintf(&b, "%s: %d read twice, Dice %v, NSD %v; ", r.Annotator, r.DoubleRead, *r.MeanDice, *r.MeanNSD)
		}
	}
	return b.String()
}
