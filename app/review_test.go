package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
)

// reviewSet copies the demo data set (CSV and cases) into a fresh folder.
func reviewSet(t *testing.T) string {
	dst := t.TempDir()
	src := demoSet(t)
	b, _ := os.ReadFile(filepath.Join(src, "Segmentation Info.csv"))
	os.WriteFile(filepath.Join(dst, "Segmentation Info.csv"), b, 0o644)
	for _, id := range []string{"case_000", "case_001", "case_002"} {
		copyDir(t, filepath.Join(src, id), filepath.Join(dst, id))
	}
	return dst
}

// openReviewSet opens data set dir as user (with its SQLite review store)
// and returns the controller, the case screens it shows and its worklists.
func openReviewSet(t *testing.T, dir, user string) (*Controller, *tester, *tester) {
	t.Setenv("SAROS_REVIEW_DB", "")
	c, shown := controller(t)
	c.App.Preferences().SetString(prefUser, user)
	c.OpenPath(dir)
	return c, shown, shown
}

// dabBrain paints one brush dab of brain at voxel (100, 128) of the axial
// slice on screen and returns that slice.
func dabBrain(s *CaseScreen) int {
	k := s.Views[viewer.Axial].Slice()
	s.Editor.SetTool(ToolBrush)
	s.Editor.Label[annotate.MapRegions] = labels.RegionBrain
	s.Editor.Press(s.Views[viewer.Axial], [3]float64{100, 128, float64(k)}, false)
	s.Editor.Release(s.Views[viewer.Axial])
	return k
}

// TestReviewWorkflowInApp: the worklist shows review columns; opening a
// case takes its lock; status actions, flags and saves reach the review
// store; a revision can be restored.
func TestReviewWorkflowInApp(t *testing.T) {
	c, shown, lists := openReviewSet(t, reviewSet(t), "ann")
	wl := recv(t, lists)
	if c.Work.Role() != review.Admin || wl.cell(c.Work.Dataset().Cases[0], colStatus) != "new" {
		t.Fatalf("role %s, status %q", c.Work.Role(), wl.cell(c.Work.Dataset().Cases[0], colStatus))
	}
	wl.OnOpen(0)
	s := wait(t, shown)
	ctx := context.Background()
	if l, err := c.Work.Review().LockOf(ctx, "case_000"); err != nil || l.Holder != c.Work.User() {
		t.Fatalf("lock %+v %v", l, err)
	}
	if len(s.statusActions.Objects) != 2 { // the status line and "Start annotating"
		t.Fatalf("status bar has %d objects", len(s.statusActions.Objects))
	}
	if st, _ := c.Work.Review().Case(ctx, "case_000"); st.QCErrors != 1 {
		t.Errorf("QC errors in the store: %d (the demo case has one)", st.QCErrors)
	}
	c.changeStatus(s, review.New, review.InProgress)
	settle(t, c)
	if st, _ := c.Work.Review().Case(ctx, "case_000"); st.Status != review.InProgress {
		t.Fatalf("status %s", st.Status)
	}
	// Flag the cursor: shown in the Flags tab and on the strip.
	c.Work.AddFlag(s.Scene.Cursor(), review.WrongLabel, "speck")
	settle(t, c)
	if fl := s.Case.Review.Flags; len(fl) != 1 || fl[0].Slice != s.Scene.Cursor()[2] {
		t.Fatalf("flags %+v", fl)
	}
	found := false
	for _, m := range s.Strip.Marks() {
		found = found || m.Colour == FlagColour
	}
	if !found {
		t.Error("no flag mark on the strip")
	}
	// Edit and save: a revision with the changes and QC counts.
	k := s.Views[viewer.Axial].Slice()
	before := s.Case.Layers.Regions.At(100, 128, k)
	dabBrain(s)
	if err := saveResult(t, c, c.Save); err != nil {
		t.Fatal(err)
	}
	revs, _ := c.Work.Review().Revisions(ctx, "case_000")
	if len(revs) != 1 || revs[0].Author != c.Work.User() || revs[0].Changes["regions/10"] <= 0 || revs[0].QCWarnings == 0 || len(s.Case.Review.Revisions) != 1 {
		t.Fatalf("revisions %+v", revs)
	}
	if !strings.Contains(changeSummary(revs[0].Changes), "brain") {
		t.Errorf("summary %q", changeSummary(revs[0].Changes))
	}
	// Restore what that save replaced.
	c.Work.RestoreRevision(revs[0])
	settle(t, c)
	if s.Case.Layers.Regions.At(100, 128, k) != before {
		t.Error("restoring the revision did not bring back the old label")
	}
	// The worklist's views and columns follow the store.
	c.showWorklist() // (leaving through the dialog is tested elsewhere)
	recv(t, lists)
	if wl.cell(c.Work.Dataset().Cases[0], colFlags) != "1" || wl.cell(c.Work.Dataset().Cases[0], colStatus) != "in progress" {
		t.Errorf("columns %q %q", wl.cell(c.Work.Dataset().Cases[0], colFlags), wl.cell(c.Work.Dataset().Cases[0], colStatus))
	}
	wl.SetView("flagged")
	if r := wl.Rows(); len(r) != 1 || r[0] != 0 {
		t.Errorf("flagged view %v", r)
	}
	wl.SetView("all cases")
	if _, err := c.Work.Review().LockOf(ctx, "case_000"); err == nil {
		t.Error("lock kept after leaving the case")
	}
}

// TestLockedCaseOpensReadOnly: a case someone else edits opens read-only
// with their name.
func TestLockedCaseOpensReadOnly(t *testing.T) {
	t.Setenv("SAROS_REVIEW_DB", "")
	dir := reviewSet(t)
	ctx := context.Background()
	me, err := review.OpenAsLogin(ctx, dir, "", []string{"case_001"})
	if err != nil {
		t.Fatal(err)
	}
	me.Identify(ctx, "") // the first login of a fresh store: admin
	me.Close()
	// Bob's lock, taken by a tool that names him.
	rv, err := review.OpenFor(ctx, dir, "", []string{"case_001"})
	if err != nil {
		t.Fatal(err)
	}
	rv.AddUser(ctx, "bob", review.Annotator)
	if err := rv.TakeLock(ctx, "bob", "case_001", time.Hour); err != nil {
		t.Fatal(err)
	}
	rv.Close()
	c, shown, lists := openReviewSet(t, dir, "ann")
	recv(t, lists).OnOpen(1)
	s := wait(t, shown)
	if !s.Editor.Session.ReadOnly || !strings.Contains(s.message.Text, "edited by bob") {
		t.Errorf("read-only %v, message %q", s.Editor.Session.ReadOnly, s.message.Text)
	}
	// An admin may break the stale lock, giving a reason.
	var breakBtn *widget.Button
	for _, o := range s.statusActions.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "Break lock…" {
			breakBtn = b
		}
	}
	if breakBtn == nil {
		t.Fatal("no Break lock button for an admin")
	}
	test.Tap(breakBtn)
	for _, o := range test.LaidOutObjects(c.Window.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			e.SetText("bob went home")
		}
	}
	tapButton(t, c, "OK")
	settle(t, c)
	if s.Editor.Session.ReadOnly {
		t.Error("still read-only after breaking the lock")
	}
	if l, err := c.Work.Review().LockOf(ctx, "case_001"); err != nil || l.Holder != c.Work.User() {
		t.Errorf("lock %+v %v", l, err)
	}
	ev, _ := c.Work.Review().Audit(ctx, "case_001")
	if len(ev) == 0 || ev[len(ev)-1].Action != "break lock" || !strings.Contains(ev[len(ev)-1].Detail, "bob went home") {
		t.Errorf("audit %+v", ev)
	}
	// A comment posted in the thread is shown.
	if err := c.Work.Review().AddComment(ctx, "ann", "case_001", "please check slice 40"); err != nil {
		t.Fatal(err)
	}
	c.Work.RefreshReview()
	settle(t, c)
	if !strings.Contains(s.Review.comments.Text, c.Work.User()+": please check slice 40") || !strings.Contains(s.Review.audit.Text, "break lock") {
		t.Errorf("thread %q audit %q", s.Review.comments.Text, s.Review.audit.Text)
	}
	for _, l := range strings.Split(strings.TrimSpace(s.Review.comments.Text+"\n"+s.Review.audit.Text), "\n") {
		if _, err := time.ParseInLocation("2006-01-02 15:04:05", l[:min(len(l), 19)], time.Local); l != "" && err != nil {
			t.Errorf("line %q of the thread or audit log has no time", l)
		}
	}
}

// recv waits until the worklist is shown and its review columns read,
// failing after a while instead of hanging.
func recv(t *testing.T, tr *tester) *Worklist {
	t.Helper()
	c := tr.c
	if err := tr.loop.Run(func() bool { return c.Work.Idle() && c.Screen == nil && c.Worklist != nil }, settleGuard); err != nil {
		t.Fatal("no worklist: ", err)
	}
	return c.Worklist
}

// TestLeavingWithSaveRecordsRevision: answering "Save" when leaving a case
// with unsaved edits saves through the same path as Ctrl+S: the maps are
// written and the review store gets the revision.
func TestLeavingWithSaveRecordsRevision(t *testing.T) {
	c, shown, lists := openReviewSet(t, reviewSet(t), "ann")
	recv(t, lists).OnOpen(0)
	dabBrain(wait(t, shown))
	c.ShowWorklist() // asks: Save, Discard edits or Cancel
	tapButton(t, c, "Save")
	recv(t, lists) // the worklist is shown once the save has finished
	revs, err := c.Work.Review().Revisions(context.Background(), "case_000")
	if err != nil || len(revs) != 1 || revs[0].Author != c.Work.User() || revs[0].Changes["regions/10"] <= 0 {
		t.Fatalf("revisions %+v %v", revs, err)
	}
}
