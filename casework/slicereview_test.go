package casework

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store/review"
)

// sliceState is user's state of slice k of case id, read from the store.
func sliceState(t *testing.T, rv *review.Store, id, user string, k int) review.SliceState {
	t.Helper()
	rs, err := rv.SliceReviews(context.Background(), id, user)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Slice == k {
			return r.State
		}
	}
	t.Fatalf("slice %d is not annotated", k)
	return ""
}

// TestSliceReviewWalkResetAndGate: opening a case records its annotated
// slices; approval is refused until the reviewer has accepted every one
// of them, walking slice by slice; the annotator's saved edit of an
// accepted slice sends it back to unreviewed.
func TestSliceReviewWalkResetAndGate(t *testing.T) {
	ctx := context.Background()
	dir := demo(t)
	h := newHarness(t, 0)
	c := h.open(dir, "ann", 0)
	rv := h.w.Review()
	want := len(c.Layers.Regions.AnnotatedSlices())
	if !c.Slices.Known || c.Slices.Progress.Annotated != want || want == 0 || h.count(SlicesReviewed) != 1 {
		t.Fatalf("slices on open: %+v (want %d annotated)", c.Slices.Progress, want)
	}
	if err := rv.AddUser(ctx, "rev", review.Reviewer); err != nil {
		t.Fatal(err)
	}
	h.w.Transition(review.New, review.InProgress, "", "", nil)
	h.settle()
	h.w.Transition(review.InProgress, review.Submitted, "", "the demo's deliberate defect", nil)
	h.settle()
	h.w.Shutdown()
	h.settle()

	r := newHarness(t, 0)
	c = r.open(dir, "rev", 0)
	rrv := r.w.Review()
	r.w.Transition(review.Submitted, review.InReview, "", "", nil)
	r.settle()
	// The demo case has a deliberate QC error; clear its count so that the
	// slice gate alone stands in the way.
	if err := rrv.SetQCErrors(ctx, c.ID, 0); err != nil {
		t.Fatal(err)
	}
	asked := false
	r.w.Transition(review.InReview, review.Approved, "", "", func() { asked = true })
	r.settle()
	st, _ := rrv.Case(ctx, c.ID)
	msg := r.events[len(r.events)-1].Text
	for _, ev := range r.events {
		if ev.Kind == Message && strings.Contains(ev.Text, "not accepted") {
			msg = ev.Text
		}
	}
	if !asked || st.Status != review.InReview || !strings.Contains(msg, "annotated slices not accepted") {
		t.Fatalf("approval without accepted slices: asked %v, status %s, message %q", asked, st.Status, msg)
	}
	// Walk the case: each key press goes to the next unreviewed slice.
	walked := 0
	for k := -1; ; {
		next, ok := r.w.NextUnreviewed(k)
		if !ok {
			break
		}
		if next <= k && walked > 0 {
			t.Fatalf("walk went back from %d to %d", k, next)
		}
		r.w.AcceptSlice(next)
		r.settle()
		walked++
		if got := c.Slices.Progress.Accepted; got != walked {
			t.Fatalf("after accepting %d slices the model says %d", walked, got)
		}
		k = next
	}
	if walked != want || c.Slices.Progress.String() != strings.Replace("N of N slices reviewed", "N", itoa(want), 2) {
		t.Fatalf("walked %d of %d: %s", walked, want, c.Slices.Progress)
	}
	r.w.NeedsFix(c.Slices.Slices[0].Slice, "")
	r.settle()
	if len(r.failures()) != 1 {
		t.Errorf("a needs-fix without a comment: failures %v", r.failures())
	}
	r.w.Shutdown()
	r.settle()

	// The annotator edits an accepted slice and saves: it needs review again.
	a := newHarness(t, 0)
	c = a.open(dir, "ann", 0)
	k := dab(t, c)
	a.w.Edited()
	a.w.Save(nil)
	a.settle()
	if got := sliceState(t, a.w.Review(), c.ID, "rev", k); got != review.Unreviewed {
		t.Fatalf("edited slice %d is %s", k, got)
	}
	reset := false
	for _, ev := range a.events {
		reset = reset || ev.Kind == SlicesReviewed && strings.Contains(ev.Text, "need review again")
	}
	if !reset {
		t.Error("no event says the edited slice needs review again")
	}
	a.w.Shutdown()
	a.settle()

	// The reviewer finds it, accepts it, and the case is approved.
	r2 := newHarness(t, 0)
	c = r2.open(dir, "rev", 0)
	if next, ok := r2.w.NextUnreviewed(-1); !ok || next != k {
		t.Fatalf("next unreviewed %d %v, want %d", next, ok, k)
	}
	r2.w.AcceptSlice(k)
	r2.settle()
	if err := r2.w.Review().SetQCErrors(ctx, c.ID, 0); err != nil {
		t.Fatal(err)
	}
	r2.w.Transition(review.InReview, review.Approved, "", "", func() { t.Error("asked for an override") })
	r2.settle()
	if st, _ := r2.w.Review().Case(ctx, c.ID); st.Status != review.Approved {
		t.Fatalf("status %s after accepting every slice", st.Status)
	}
	if f := r2.failures(); len(f) != 0 {
		t.Errorf("failures: %v", f)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
