package review

import (
	"errors"
	"strings"
	"testing"
)

// TestSecondReader: admins and reviewers set a case's second reader (not
// its annotator), annotators may not; the reader is per case, can be
// removed, and each change is audited.
func TestSecondReader(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		must(t, s.Assign(ctx, "boss", "case_000", "ann", "rev"))
		if got, err := s.SecondReader(ctx, "case_000"); err != nil || got != "" {
			t.Fatalf("before: %q %v", got, err)
		}
		if err := s.SetSecondReader(ctx, "ann", "case_000", "ann2"); !errors.Is(err, ErrForbidden) {
			t.Fatalf("annotator set a second reader: %v", err)
		}
		if err := s.SetSecondReader(ctx, "rev", "case_000", "ann"); err == nil || !strings.Contains(err.Error(), "annotator") {
			t.Fatalf("the annotator as second reader: %v", err)
		}
		if err := s.SetSecondReader(ctx, "rev", "case_404", "ann2"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("unknown case: %v", err)
		}
		for _, bad := range []string{"../../evil", "a/b", ".."} {
			if err := s.SetSecondReader(ctx, "rev", "case_000", bad); err == nil || !strings.Contains(err.Error(), "folder") {
				t.Errorf("second reader %q: %v", bad, err)
			}
		}
		if err := s.SetSecondReader(ctx, "rev", "case_000", "zed"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no role") {
			t.Errorf("a second reader the store does not know: %v", err)
		}
		must(t, s.SetSecondReader(ctx, "rev", "case_000", "ann2"))
		must(t, s.SetSecondReader(ctx, "boss", "case_000", "rad")) // replaces
		if got, err := s.SecondReader(ctx, "case_000"); err != nil || got != "rad" {
			t.Fatalf("second reader %q %v", got, err)
		}
		if got, _ := s.SecondReader(ctx, "case_001"); got != "" {
			t.Fatalf("case_001 has second reader %q", got)
		}
		must(t, s.SetSecondReader(ctx, "boss", "case_000", ""))
		if got, _ := s.SecondReader(ctx, "case_000"); got != "" {
			t.Fatalf("removed, still %q", got)
		}
		must(t, s.AuditAction(ctx, "case_000", "rev", "take second reader", "maps of rad"))
		evs, err := s.Audit(ctx, "case_000")
		must(t, err)
		n := 0
		for _, e := range evs {
			if e.Action == "second reader" || e.Action == "take second reader" {
				n++
			}
		}
		if n != 4 {
			t.Fatalf("%d double-reading audit rows: %+v", n, evs)
		}
	})
}

// TestReaderSaves: a second reader's saves are kept apart from the case's
// revisions (never offered as a revision to restore or compare with), are
// listed with their effort, and a take of the reader's work marks the
// readers merged.
func TestReaderSaves(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		must(t, s.Assign(ctx, "boss", "case_000", "ann", "rev"))
		if err := s.RecordReaderSave(ctx, ReaderSave{Case: "case_000", Login: "ann2", ActiveMS: 1}); !errors.Is(err, ErrForbidden) {
			t.Fatalf("saved a reading with no second reader: %v", err)
		}
		must(t, s.SetSecondReader(ctx, "rev", "case_000", "ann2"))
		if err := s.RecordReaderSave(ctx, ReaderSave{Case: "case_000", Login: "ann2", ActiveMS: -1}); err == nil {
			t.Fatal("negative time recorded")
		}
		must(t, s.RecordReaderSave(ctx, ReaderSave{Case: "case_000", Login: "ann2", ActiveMS: 90000, VsProposal: map[string]int{"parts/1": -7}, QCWarnings: 2}))
		must(t, s.RecordReaderSave(ctx, ReaderSave{Case: "case_000", Login: "ann2", ActiveMS: 30000}))
		got, err := s.ReaderSaves(ctx, "case_000")
		must(t, err)
		if len(got) != 2 || got[0].Login != "ann2" || got[0].ActiveMS != 90000 || got[0].VsProposal["parts/1"] != -7 || got[0].QCWarnings != 2 ||
			got[1].ActiveMS != 30000 || got[1].Created < got[0].Created {
			t.Fatalf("readings %+v", got)
		}
		if revs, err := s.Revisions(ctx, "case_000"); err != nil || len(revs) != 0 {
			t.Fatalf("a reading became a revision: %+v %v", revs, err)
		}
		if m, err := s.ReadersMerged(ctx, "case_000", "ann2"); err != nil || m {
			t.Fatalf("merged before any take: %v %v", m, err)
		}
		must(t, s.AuditAction(ctx, "case_000", "rev", ActionTakeReaderSlice, "slice 5 of ann2"))
		if m, err := s.ReadersMerged(ctx, "case_000", "ann2"); err != nil || !m {
			t.Fatalf("not merged after a take: %v %v", m, err)
		}
		if m, _ := s.ReadersMerged(ctx, "case_001", "ann2"); m {
			t.Fatal("another case merged")
		}
		// A new second reader starts unmerged.
		must(t, s.SetSecondReader(ctx, "rev", "case_000", "rad"))
		if m, err := s.ReadersMerged(ctx, "case_000", "rad"); err != nil || m {
			t.Fatalf("the new second reader counts as merged: %v %v", m, err)
		}
	})
}

// A second reader reads blind and moves nothing: not the case's status,
// its assignment or who reads it, even with a reviewer's role; nor can
// anyone make them its annotator or reviewer as well.
func TestSecondReaderMovesNothing(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		must(t, s.AddUser(ctx, "rev2", Reviewer))
		must(t, s.Assign(ctx, "boss", "case_001", "ann", "rev"))
		must(t, s.SetSecondReader(ctx, "boss", "case_001", "rev2"))
		must(t, s.Transition(ctx, "ann", "case_001", New, InProgress, "", ""))
		must(t, s.Transition(ctx, "ann", "case_001", InProgress, Submitted, "", ""))
		if err := s.Transition(ctx, "rev2", "case_001", Submitted, InReview, "", ""); !errors.Is(err, ErrForbidden) {
			t.Errorf("the second reader started the review: %v", err)
		}
		if err := s.Assign(ctx, "rev2", "case_001", "rev2", "rev"); !errors.Is(err, ErrForbidden) {
			t.Errorf("the second reader assigned the case: %v", err)
		}
		if err := s.SetSecondReader(ctx, "rev2", "case_001", ""); !errors.Is(err, ErrForbidden) {
			t.Errorf("the second reader removed themself: %v", err)
		}
		if err := s.Assign(ctx, "boss", "case_001", "rev2", "rev"); err == nil {
			t.Error("the second reader became the annotator too")
		}
		if err := s.Assign(ctx, "boss", "case_001", "ann", "rev2"); err == nil {
			t.Error("the second reader became the reviewer too")
		}
		if st, _ := s.Case(ctx, "case_001"); st.Status != Submitted || st.Annotator != "ann" || st.Reviewer != "rev" {
			t.Errorf("the case moved: %+v", st)
		}
		if got, _ := s.SecondReader(ctx, "case_001"); got != "rev2" {
			t.Errorf("second reader %q", got)
		}
		// Another reviewer moves it as usual.
		must(t, s.Transition(ctx, "rev", "case_001", Submitted, InReview, "", ""))
	})
}

// A second reader's lock is named for people, not by its key.
func TestReaderLockMessages(t *testing.T) {
	e := &LockError{Lock: Lock{Case: "case_001@reader/bob", Holder: "bob"}}
	if got := e.Error(); !strings.HasPrefix(got, "bob's second reading of case_001 is open in another window until ") {
		t.Errorf("lock error %q", got)
	}
	l := &LockLostError{Case: "case_001@reader/bob", Why: "it expired"}
	if got := l.Error(); got != "the edit lock of bob's second reading of case_001 is lost: it expired" {
		t.Errorf("lost lock %q", got)
	}
}
