package app

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store/review"
)

// TestReadOnlyFlagIsRefusedPlainly: in a --read-only window on a data set
// that has a review store, flagging the cursor says "read-only" on the
// status line (not the database's error) and writes nothing: no flag in
// the store, the case folder unchanged.
func TestReadOnlyFlagIsRefusedPlainly(t *testing.T) {
	t.Setenv("SAROS_REVIEW_DB", "")
	dir := reviewSet(t)
	c, shown := controller(t)
	c.OpenPath(dir) // creates the store
	recv(t, shown)
	c.Work.Shutdown()
	settle(t, c)
	before := files(t, filepath.Join(dir, "case_000"))
	c2, shown2 := controller(t)
	c2.Work.ReadOnly = true // as Run does for --read-only
	c2.OpenPath(dir)
	recv(t, shown2).OnOpen(0)
	s := wait(t, shown2)
	if c2.Work.Review() == nil {
		t.Fatal("the existing review store was not opened read-only")
	}
	c2.Work.AddFlag(s.Scene.Cursor(), review.WrongLabel, "speck")
	settle(t, c2)
	if msg := s.message.Text; !strings.Contains(msg, "read-only: flag case_000 refused") || strings.Contains(msg, "readonly database") {
		t.Errorf("message %q", msg)
	}
	if fl, err := c2.Work.Review().Flags(t.Context(), "case_000"); err != nil || len(fl) != 0 {
		t.Errorf("flags in the store: %+v %v", fl, err)
	}
	if after := files(t, filepath.Join(dir, "case_000")); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("read-only changed the case:\nbefore %v\nafter  %v", before, after)
	}
}
