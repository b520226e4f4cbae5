package review

import (
	"errors"
	"strings"
	"testing"
)

// Assign… writes the annotator, reviewer and second reader together or
// not at all: a login without a role, a reviewer who is an annotator, a
// second reader who is also the annotator or whose name is a path are
// refused with nothing written; an unchanged assignment is not audited.
func TestAssignAllOrNothing(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		const id = "case_000"
		auditRows := func() int {
			evs, err := s.Audit(ctx, id)
			must(t, err)
			return len(evs)
		}
		for _, bad := range []struct {
			a    Assignment
			want string
		}{
			{Assignment{Annotator: "mallory", Reviewer: "rev"}, "no role"},
			{Assignment{Annotator: "ann", Reviewer: "ann2"}, "not a reviewer"},
			{Assignment{Annotator: "ann", Reviewer: "rev", SecondReader: "ann"}, "also its annotator"},
			{Assignment{Annotator: "ann", Reviewer: "rev", SecondReader: "../../evil"}, "folder"},
			{Assignment{Annotator: "ann", Reviewer: "rev", SecondReader: "zed"}, "no role"},
		} {
			if err := s.AssignAll(ctx, "boss", id, bad.a); err == nil || !strings.Contains(err.Error(), bad.want) {
				t.Errorf("%+v: %v, want %q", bad.a, err, bad.want)
			}
		}
		if st, _ := s.Case(ctx, id); st.Annotator != "" || st.Reviewer != "" || auditRows() != 0 {
			t.Fatalf("a refused assignment wrote: %+v, %d audit rows", st, auditRows())
		}
		if err := s.AssignAll(ctx, "ann", id, Assignment{Annotator: "ann"}); !errors.Is(err, ErrForbidden) {
			t.Errorf("an annotator assigned: %v", err)
		}
		a := Assignment{Annotator: "ann", Reviewer: "rev", SecondReader: "ann2"}
		must(t, s.AssignAll(ctx, "boss", id, a))
		st, _ := s.Case(ctx, id)
		second, _ := s.SecondReader(ctx, id)
		if st.Annotator != "ann" || st.Reviewer != "rev" || second != "ann2" || auditRows() != 2 {
			t.Fatalf("assigned %+v, second reader %q, %d audit rows", st, second, auditRows())
		}
		must(t, s.AssignAll(ctx, "boss", id, a))
		if auditRows() != 2 {
			t.Errorf("an unchanged assignment was audited: %d rows", auditRows())
		}
		if err := s.AssignAll(ctx, "ann2", id, Assignment{Annotator: "ann2"}); !errors.Is(err, ErrForbidden) {
			t.Errorf("the second reader (an annotator) assigned: %v", err)
		}
	})
}
