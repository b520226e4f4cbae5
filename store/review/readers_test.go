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
