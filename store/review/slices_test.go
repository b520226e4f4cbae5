package review

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// toReview brings case_000 to "in review" by rev, annotated by ann.
func toReview(t *testing.T, s *Store, id string) {
	t.Helper()
	must(t, s.Assign(ctx, "boss", id, "ann", "rev"))
	must(t, s.Transition(ctx, "ann", id, New, InProgress, "", ""))
	must(t, s.Transition(ctx, "ann", id, InProgress, Submitted, "", ""))
	must(t, s.Transition(ctx, "rev", id, Submitted, InReview, "", ""))
}

func hasAudit(t *testing.T, s *Store, id, action, detail string) bool {
	t.Helper()
	evs, err := s.Audit(ctx, id)
	must(t, err)
	for _, e := range evs {
		if e.Action == action && strings.Contains(e.Detail, detail) {
			return true
		}
	}
	return false
}

// A reviewer walks a case slice by slice: next unreviewed, accept, needs
// fix with a flag; the approve gate holds until every annotated slice is
// accepted; an edit to an accepted slice sends it back to unreviewed.
func TestSliceReviewWalkToApproval(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		const id = "case_000"
		must(t, s.SetAnnotatedSlices(ctx, id, []int{16, 1, 6, 11}))
		toReview(t, s, id)
		p, err := s.ReviewProgress(ctx, id, "rev")
		if err != nil || p.String() != "0 of 4 slices reviewed" {
			t.Fatalf("%v %v", p, err)
		}
		k, ok, err := s.NextUnreviewed(ctx, id, "rev", -1)
		if err != nil || !ok || k != 1 {
			t.Fatalf("next %d %v %v", k, ok, err)
		}
		must(t, s.ReviewSlice(ctx, "rev", id, SliceReview{Slice: 1, State: Accepted}))
		flag, err := s.AddFlag(ctx, Flag{Case: id, Map: "regions", Slice: 6, Label: 5, I: 3, J: 4, Category: WrongLabel, Comment: "bone in cavity", Author: "rev"})
		must(t, err)
		must(t, s.ReviewSlice(ctx, "rev", id, SliceReview{Slice: 6, State: NeedsFix, FlagID: flag}))
		if k, _, _ := s.NextUnreviewed(ctx, id, "rev", 1); k != 11 {
			t.Fatalf("next after 1: %d", k)
		}
		if p, _ := s.ReviewProgress(ctx, id, "rev"); p.String() != "2 of 4 slices reviewed" || p.NeedsFix != 1 {
			t.Fatalf("%+v", p)
		}
		if err := s.Transition(ctx, "rev", id, InReview, Approved, "", ""); !errors.Is(err, ErrSlicesNotAccepted) {
			t.Fatalf("approve with slices not accepted: %v", err)
		}
		for _, k := range []int{6, 11, 16} {
			must(t, s.ReviewSlice(ctx, "rev", id, SliceReview{Slice: k, State: Accepted}))
		}
		// Another reviewer's verdicts are their own.
		if p, _ := s.ReviewProgress(ctx, id, "rad"); p.Reviewed() != 0 {
			t.Fatalf("rad: %+v", p)
		}
		reset, err := s.SlicesEdited(ctx, "ann", id, []int{11, 11, 3})
		if err != nil || len(reset) != 1 || reset[0] != 11 {
			t.Fatalf("reset %v %v", reset, err)
		}
		if k, ok, _ := s.NextUnreviewed(ctx, id, "rev", 16); !ok || k != 11 {
			t.Fatalf("next after the edit: %d %v", k, ok)
		}
		if !hasAudit(t, s, id, "slice review reset", "[11]") {
			t.Error("reset not audited")
		}
		if err := s.Transition(ctx, "rev", id, InReview, Approved, "", ""); !errors.Is(err, ErrSlicesNotAccepted) {
			t.Fatalf("approve after the edit: %v", err)
		}
		must(t, s.ReviewSlice(ctx, "rev", id, SliceReview{Slice: 11, State: Accepted}))
		if _, ok, _ := s.NextUnreviewed(ctx, id, "rev", 0); ok {
			t.Fatal("an unreviewed slice is left")
		}
		must(t, s.Transition(ctx, "rev", id, InReview, Approved, "", ""))
		if hasAudit(t, s, id, "slice review override", "") {
			t.Error("an override was audited without one")
		}
	})
}

// The gate yields to an override, which is audited; a case whose slices
// were never recorded approves as before.
func TestSliceGateOverride(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		must(t, s.SetAnnotatedSlices(ctx, "case_001", []int{0, 5, 10}))
		toReview(t, s, "case_001")
		must(t, s.ReviewSlice(ctx, "rev", "case_001", SliceReview{Slice: 5, State: Accepted}))
		must(t, s.Transition(ctx, "rev", "case_001", InReview, Approved, "", "radiologist read it on PACS"))
		if !hasAudit(t, s, "case_001", "slice review override", "2 annotated slices not accepted: radiologist read it on PACS") {
			t.Error("override not audited")
		}
		toReview(t, s, "case_002")
		must(t, s.Transition(ctx, "rev", "case_002", InReview, Approved, "", ""))
	})
}

func TestReviewSliceRefuses(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		must(t, s.SetAnnotatedSlices(ctx, "case_000", []int{2, 7}))
		for _, c := range []struct {
			who  string
			r    SliceReview
			want error
		}{
			{"ann", SliceReview{Slice: 2, State: Accepted}, ErrForbidden},
			{"rev", SliceReview{Slice: 3, State: Accepted}, ErrNotFound},
			{"nobody", SliceReview{Slice: 2, State: Accepted}, ErrNotFound},
			{"rev", SliceReview{Slice: 2, State: NeedsFix}, nil},
			{"rev", SliceReview{Slice: 2, State: "fine"}, nil},
		} {
			err := s.ReviewSlice(ctx, c.who, "case_000", c.r)
			if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
				t.Errorf("%s %+v: %v", c.who, c.r, err)
			}
		}
		must(t, s.ReviewSlice(ctx, "rad", "case_000", SliceReview{Slice: 7, State: NeedsFix, Comment: "thyroid missing"}))
		rs, err := s.SliceReviews(ctx, "case_000", "rad")
		if err != nil || len(rs) != 2 || rs[0].State != Unreviewed || rs[1].Comment != "thyroid missing" || rs[1].Updated == 0 {
			t.Fatalf("%+v %v", rs, err)
		}
		// Needs-fix verdicts survive edits; slices no longer annotated stop counting.
		if reset, _ := s.SlicesEdited(ctx, "ann", "case_000", []int{7}); len(reset) != 0 {
			t.Errorf("needs fix reset: %v", reset)
		}
		must(t, s.SetAnnotatedSlices(ctx, "case_000", []int{2}))
		if p, _ := s.ReviewProgress(ctx, "case_000", "rad"); p.Annotated != 1 || p.Reviewed() != 0 {
			t.Errorf("%+v", p)
		}
	})
}

func TestActivity(t *testing.T) {
	var a Activity
	t0 := time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)
	for _, s := range []int{0, 30, 60, 240, 300, 300, 420, 421} { // 3 min and 2 min gaps: the first not counted
		a.Touch(t0.Add(time.Duration(s) * time.Second))
	}
	if a.Active() != (30+30+60+120+1)*time.Second {
		t.Fatalf("active %v", a.Active())
	}
	if d := a.Take(); d != 241*time.Second || a.Active() != 0 {
		t.Fatalf("take %v, then %v", d, a.Active())
	}
	a.Touch(t0.Add(422 * time.Second))
	if a.Active() != time.Second {
		t.Fatalf("after take %v", a.Active())
	}
}

// Effort is stored with the revisions and survives a reopen; a store made
// by the previous schema is migrated in place, its revisions kept.
func TestEffortAndMigration(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			all := migrations
			migrations = all[:1]
			old := open(t, dsn)
			migrations = all
			_, err := old.db.ExecContext(ctx, `INSERT INTO cases (id, status, updated) VALUES ('case_000', 'new', 1)`)
			must(t, err)
			_, err = old.db.ExecContext(ctx, `INSERT INTO revisions (case_id, author, created, path, changes, qc_errors, qc_warnings)
				VALUES ('case_000', 'ann', 1, 'h/1', '{}', 0, 0)`)
			must(t, err)
			if v, _ := old.SchemaVersion(ctx); v != 1 {
				t.Fatalf("old version %d", v)
			}
			old.Close()
			s := open(t, dsn)
			if v, _ := s.SchemaVersion(ctx); v != len(migrations) {
				t.Fatalf("version %d", v)
			}
			_, err = s.AddRevision(ctx, Revision{Case: "case_000", Author: "ann", Path: "h/2", Changes: map[string]int{"regions/2": 10},
				ActiveMS: 90_000, VsProposal: map[string]int{"regions/2": 40, "parts/1": 3}})
			must(t, err)
			rs, err := s.Revisions(ctx, "case_000")
			if err != nil || len(rs) != 2 || rs[0].ActiveMS != 0 || rs[1].ActiveMS != 90_000 || rs[1].VsProposal["regions/2"] != 40 || rs[1].VsProposal["parts/1"] != 3 {
				t.Fatalf("%+v %v", rs, err)
			}
			if _, err := s.AddRevision(ctx, Revision{Case: "case_000", Author: "ann", ActiveMS: -1}); err == nil {
				t.Error("negative active time accepted")
			}
		})
	}
}

// The worklist's reading columns: each case's slice-review progress is
// its reviewer's (another reviewer's verdicts do not count), or, with no
// reviewer assigned, that of whoever gave most verdicts; verdicts on
// slices no longer annotated do not count; the second reader is shown.
func TestSummariesShowReadingProgress(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		must(t, s.SetAnnotatedSlices(ctx, "case_000", []int{1, 6, 11, 16}))
		must(t, s.SetAnnotatedSlices(ctx, "case_001", []int{0, 5, 10}))
		toReview(t, s, "case_000")
		must(t, s.ReviewSlice(ctx, "rev", "case_000", SliceReview{Slice: 1, State: Accepted}))
		must(t, s.ReviewSlice(ctx, "rev", "case_000", SliceReview{Slice: 6, State: NeedsFix, Comment: "thyroid"}))
		must(t, s.ReviewSlice(ctx, "rev", "case_000", SliceReview{Slice: 11, State: Accepted}))
		must(t, s.ReviewSlice(ctx, "rev", "case_000", SliceReview{Slice: 16, State: Unreviewed}))
		for _, k := range []int{1, 6, 11, 16} {
			must(t, s.ReviewSlice(ctx, "rad", "case_000", SliceReview{Slice: k, State: Accepted}))
		}
		must(t, s.ReviewSlice(ctx, "rad", "case_001", SliceReview{Slice: 0, State: Accepted}))
		must(t, s.ReviewSlice(ctx, "boss", "case_001", SliceReview{Slice: 5, State: Accepted}))
		must(t, s.ReviewSlice(ctx, "boss", "case_001", SliceReview{Slice: 10, State: Accepted}))
		must(t, s.SetAnnotatedSlices(ctx, "case_001", []int{0, 5})) // slice 10 is no longer annotated
		must(t, s.SetSecondReader(ctx, "rev", "case_000", "ann2"))
		sums, err := s.Summaries(ctx)
		must(t, err)
		by := map[string]Summary{}
		for _, x := range sums {
			by[x.ID] = x
		}
		a, b, c := by["case_000"], by["case_001"], by["case_002"]
		if a.SliceReviewer != "rev" || a.Slices != (Progress{Annotated: 4, Accepted: 2, NeedsFix: 1}) || a.Slices.String() != "3 of 4 slices reviewed" || a.SecondReader != "ann2" {
			t.Errorf("case_000: %+v", a)
		}
		if b.SliceReviewer != "boss" || b.Slices != (Progress{Annotated: 2, Accepted: 1}) || b.SecondReader != "" {
			t.Errorf("case_001: %+v", b)
		}
		if c.SliceReviewer != "" || c.Slices != (Progress{}) {
			t.Errorf("case_002: %+v", c)
		}
	})
}

// An approved case whose maps are saved again goes back to review
// (audited, counted as a status change): what was approved is no longer
// on disk. A save that changed nothing keeps the approval.
func TestSavingAnApprovedCaseWithdrawsTheApproval(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		const id = "case_000"
		toReview(t, s, id)
		must(t, s.Transition(ctx, "rev", id, InReview, Approved, "", ""))
		if _, err := s.RecordSave(ctx, Revision{Case: id, Author: "ann", Path: "h1"}); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.Case(ctx, id); st.Status != Approved {
			t.Fatalf("a save without changes: %s", st.Status)
		}
		if _, err := s.RecordSave(ctx, Revision{Case: id, Author: "ann", Path: "h2", Changes: map[string]int{"regions/2": 12}}); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.Case(ctx, id); st.Status != InReview {
			t.Fatalf("after a save that changed the maps: %s", st.Status)
		}
		if !hasAudit(t, s, id, "status", "approved → in review: the maps were saved again after approval") {
			t.Error("the withdrawn approval is not audited")
		}
		// It can be approved again.
		must(t, s.Transition(ctx, "rev", id, InReview, Approved, "", ""))
	})
}
