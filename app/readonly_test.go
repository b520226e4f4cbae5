package app

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
)

// files lists every file and folder under dir, with its size.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, fmt.Sprintf("%s %d %s", rel, info.Size(), info.ModTime()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestReadOnlyLeavesNoTrace: a fresh data set opened with --read-only,
// a case shown, "Start annotating" and Ctrl+S tried: nothing is created
// or changed under the data set (no review database, no data set id), the
// status buttons are disabled and a status change is refused.
func TestReadOnlyLeavesNoTrace(t *testing.T) {
	t.Setenv("SAROS_REVIEW_DB", "")
	dir := reviewSet(t)
	before := files(t, dir)
	c, shown := controller(t)
	c.Work.ReadOnly = true // as Run does for --read-only
	c.OpenPath(dir)
	recv(t, shown).OnOpen(0)
	s := wait(t, shown)
	if c.Work.Review() != nil {
		t.Errorf("a review store was opened for a data set that has none")
	}
	dabBrain(s) // refused: no tool acts
	// A ruler is drawn and kept on screen, not in the case folder.
	ax := s.Views[viewer.Axial]
	k := ax.Slice()
	test.Tap(tappables(s.Measure.tools)[1])
	drag(ax, ax.PositionOf([3]int{100, 128, k}), ax.PositionOf([3]int{160, 128, k}), 6)
	if len(s.Measure.List().Items) != 1 {
		t.Fatalf("the ruler was not measured: %d items", len(s.Measure.List().Items))
	}
	c.Save()
	c.Work.Accept("some-finding", "")
	c.Work.Transition(review.New, review.InProgress, "", "", nil)
	settle(t, c)
	if !strings.Contains(s.message.Text, "read-only") {
		t.Errorf("message %q", s.message.Text)
	}
	if after := files(t, dir); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Fatalf("read-only changed the data set:\nbefore %v\nafter  %v", before, after)
	}
}

// TestReadOnlyStatusButtonsDisabled: with a review store that exists, a
// read-only window shows the status actions disabled and changes nothing.
func TestReadOnlyStatusButtonsDisabled(t *testing.T) {
	t.Setenv("SAROS_REVIEW_DB", "")
	dir := reviewSet(t)
	c, shown := controller(t)
	c.OpenPath(dir) // creates the store
	recv(t, shown)
	c.Work.Shutdown()
	settle(t, c)
	before := files(t, filepath.Join(dir, "case_000"))
	c2, shown2 := controller(t)
	c2.Work.ReadOnly = true
	c2.OpenPath(dir)
	recv(t, shown2).OnOpen(0)
	s := wait(t, shown2)
	if c2.Work.Review() == nil {
		t.Fatal("the existing review store was not opened read-only")
	}
	found := false
	for _, o := range s.statusActions.Objects {
		if b, ok := o.(*widget.Button); ok && b.Text == "Start annotating" {
			found = true
			if !b.Disabled() {
				t.Error("Start annotating is enabled in read-only mode")
			}
		}
	}
	if !found {
		t.Fatal("no Start annotating button")
	}
	c2.Work.Transition(review.New, review.InProgress, "", "", nil)
	settle(t, c2)
	if st, err := c2.Work.Review().Case(t.Context(), "case_000"); err != nil || st.Status != review.New {
		t.Errorf("status %s %v", st.Status, err)
	}
	if after := files(t, filepath.Join(dir, "case_000")); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("read-only changed the case:\nbefore %v\nafter  %v", before, after)
	}
}
