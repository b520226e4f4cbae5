package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
)

// press types the Ctrl+Shift shortcut of key name on c's window.
func press(c *Controller, name fyne.KeyName) {
	c.Window.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(ctrl(name, fyne.KeyModifierShift))
}

// answer types text into the entry of the dialog on top and taps OK.
func answer(t *testing.T, c *Controller, text string) {
	t.Helper()
	top := c.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	for _, o := range test.LaidOutObjects(top) {
		if e, ok := o.(*widget.Entry); ok {
			test.Type(e, text)
		}
	}
	tapButton(t, c, "OK")
}

// statusLine is the first label of the status bar.
func statusLine(s *CaseScreen) string {
	if len(s.statusActions.Objects) == 0 {
		return ""
	}
	l, _ := s.statusActions.Objects[0].(*widget.Label)
	if l == nil {
		return ""
	}
	return l.Text
}

// marksOf counts the strip marks of colour col.
func marksOf(s *CaseScreen, col [3]uint8) int {
	n := 0
	for _, m := range s.Strip.Marks() {
		if m.Colour == col {
			n++
		}
	}
	return n
}

// approve taps the status bar's Approve button.
func approve(t *testing.T, s *CaseScreen) {
	t.Helper()
	for _, o := range s.statusActions.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "Approve" {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no Approve button in the status bar (%q)", statusLine(s))
}

// TestSliceReviewInApp walks a reviewer through a demo case slice by
// slice with the keys: the strip and status bar follow, a needs-fix asks
// what, approval is refused while slices are not accepted (the message
// says how many), an annotator's saved edit of an accepted slice sends it
// back to unreviewed, and the approval with an override reason passes and
// is audited.
func TestSliceReviewInApp(t *testing.T) {
	ctx := context.Background()
	dir := reviewSet(t)
	// The annotator starts and submits case_000 (its QC error overridden).
	c, shown, lists := openReviewSet(t, dir, "ann")
	recv(t, lists).OnOpen(0)
	s := wait(t, shown)
	rv := c.Work.Review()
	if err := rv.AddUser(ctx, "rev", review.Reviewer); err != nil {
		t.Fatal(err)
	}
	annotated := len(s.Case.Layers.Regions.AnnotatedSlices())
	c.Work.Transition(review.New, review.InProgress, "", "", nil)
	settle(t, c)
	c.Work.Transition(review.InProgress, review.Submitted, "", "the demo's deliberate defect", nil)
	settle(t, c)
	c.showWorklist()
	recv(t, lists)

	// The reviewer opens it and starts the review.
	r, rshown, rlists := openReviewSet(t, dir, "rev")
	recv(t, rlists).OnOpen(0)
	s = wait(t, rshown)
	r.Work.Transition(review.Submitted, review.InReview, "", "", nil)
	settle(t, r)
	want := "0 of " + strconv.Itoa(annotated) + " slices reviewed"
	if !strings.Contains(statusLine(s), want) {
		t.Fatalf("status bar %q, want %q", statusLine(s), want)
	}
	// Approving now is refused: the message says how many slices.
	approve(t, s)
	settle(t, r)
	if msg := s.message.Text; !strings.Contains(msg, strconv.Itoa(annotated)+" of "+strconv.Itoa(annotated)+" annotated slices not accepted") {
		t.Errorf("message %q", msg)
	}
	if r.Window.Canvas().Overlays().Top() == nil {
		t.Fatal("no override dialog")
	}
	tapButton(t, r, "Cancel")
	settle(t, r)
	if st, _ := rv.Case(ctx, "case_000"); st.Status != review.InReview {
		t.Fatalf("status %s after a refused approval", st.Status)
	}
	// The first slice needs a fix; the rest are accepted, one by one.
	press(r, fyne.KeyN)
	first := s.Scene.Cursor()[2]
	press(r, fyne.KeyX)
	answer(t, r, "the liver edge is off")
	settle(t, r)
	if marksOf(s, SliceNeedsFixColour) != 1 {
		t.Errorf("needs-fix marks on the strip: %d", marksOf(s, SliceNeedsFixColour))
	}
	for i := 1; i < annotated; i++ {
		press(r, fyne.KeyN)
		if k := s.Scene.Cursor()[2]; k == first || s.Views[viewer.Axial].Slice() != k {
			t.Fatalf("step %d: on slice %d (view %d)", i, k, s.Views[viewer.Axial].Slice())
		}
		press(r, fyne.KeyA)
		settle(t, r)
		if marksOf(s, SliceAcceptedColour) != i {
			t.Fatalf("after %d accepted the strip has %d ticks", i, marksOf(s, SliceAcceptedColour))
		}
	}
	want = strconv.Itoa(annotated) + " of " + strconv.Itoa(annotated) + " slices reviewed (1 to fix)"
	if !strings.Contains(statusLine(s), want) {
		t.Errorf("status bar %q, want %q", statusLine(s), want)
	}
	// The fixed slice, revisited and accepted after all.
	press(r, fyne.KeyN)
	if !strings.Contains(s.message.Text, "Every annotated slice is reviewed") {
		t.Errorf("message %q", s.message.Text)
	}
	// The worklist shows the progress (whose verdicts: no reviewer is
	// assigned to the case).
	r.showWorklist()
	rwl := recv(t, rlists)
	settle(t, r)
	if got, want := rwl.cell(r.Work.Dataset().Cases[0], colSlices), fmt.Sprintf("%d of %d · 1 to fix (%s)", annotated, annotated, r.Work.User()); got != want {
		t.Errorf("worklist progress %q, want %q", got, want)
	}

	// The annotator edits an accepted slice and saves: it needs review again.
	recv(t, lists).OnOpen(0)
	s = wait(t, shown)
	cur := s.Scene.Cursor()
	cur[2] = s.Case.Slices.Slices[1].Slice
	s.Scene.SetCursor(cur)
	k := dabBrain(s)
	if err := saveResult(t, c, c.Save); err != nil {
		t.Fatal(err)
	}
	rs, _ := rv.SliceReviews(ctx, "case_000", "rev")
	if rs[1].Slice != k || rs[1].State != review.Unreviewed {
		t.Fatalf("edited slice %d: %+v", k, rs[1])
	}
	c.showWorklist()
	wl := recv(t, lists)
	settle(t, c)
	if got, want := wl.cell(c.Work.Dataset().Cases[0], colSlices), fmt.Sprintf("%d of %d · 1 to fix (%s)", annotated-1, annotated, r.Work.User()); got != want {
		t.Errorf("worklist progress after the edit %q, want %q", got, want)
	}

	// The reviewer approves with an override reason: passes and is audited.
	recv(t, rlists).OnOpen(0)
	s = wait(t, rshown)
	if marksOf(s, SliceAcceptedColour) != annotated-2 {
		t.Errorf("ticks after the edit: %d, want %d", marksOf(s, SliceAcceptedColour), annotated-2)
	}
	// An empty reason is no reason: nothing moves, and the message says so.
	approve(t, s)
	settle(t, r)
	answer(t, r, "   ")
	settle(t, r)
	if st, _ := rv.Case(ctx, "case_000"); st.Status != review.InReview || !strings.Contains(s.message.Text, "No override reason given") {
		t.Fatalf("an empty override reason: status %s, message %q", st.Status, s.message.Text)
	}
	approve(t, s)
	settle(t, r)
	answer(t, r, "fix is cosmetic")
	settle(t, r)
	if st, _ := rv.Case(ctx, "case_000"); st.Status != review.Approved {
		t.Fatalf("status %s after an approval with an override", st.Status)
	}
	audit, _ := rv.Audit(ctx, "case_000")
	found := false
	for _, e := range audit {
		found = found || strings.Contains(e.Detail, "fix is cosmetic")
	}
	if !found {
		t.Errorf("the override reason is not in the audit log: %+v", audit)
	}
}
