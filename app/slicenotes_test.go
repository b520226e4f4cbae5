package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
)

// noteText is what the axial view writes over the slice ("not annotated:
// reason", …), "" when nothing.
func noteText(s *CaseScreen) string {
	for _, o := range test.LaidOutObjects(s.Views[viewer.Axial]) {
		if t, ok := o.(*canvas.Text); ok && strings.HasPrefix(t.Text, "not annotated") {
			return t.Text
		}
	}
	return ""
}

// TestSliceNoteKept: the reason given when a slice is marked not
// annotated is shown on the slice, saved beside the maps, and shown again
// when the case is opened later; a mark undone before saving leaves no
// note.
func TestSliceNoteKept(t *testing.T) {
	c, s, dir := openEditable(t)
	k := s.Views[viewer.Axial].Slice()
	s.Editor.MarkSlice("motion artefact")
	if got := noteText(s); got != "not annotated: motion artefact" {
		t.Errorf("the view shows %q", got)
	}
	// A second mark, undone: it must not be saved.
	s.Scene.StepAnnotated(1)
	s.Editor.MarkSlice("undone")
	c.Undo()
	if err := saveResult(t, c, c.Save); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(store.SliceNotesFile)))
	if err != nil || !strings.Contains(string(b), "motion artefact") || strings.Contains(string(b), "undone") {
		t.Fatalf("%s: %v %s", store.SliceNotesFile, err, b)
	}

	c2, shown := controller(t)
	c2.Window.Resize(fyne.NewSize(1400, 900))
	c2.OpenPath(dir)
	s2 := wait(t, shown)
	if s2.Editor.Session.Notes[k] != "motion artefact" {
		t.Fatalf("reopened notes %v", s2.Editor.Session.Notes)
	}
	cur := s2.Scene.Cursor()
	s2.Scene.SetCursor([3]int{cur[0], cur[1], k})
	if got := noteText(s2); got != "not annotated: motion artefact" {
		t.Errorf("reopened, the view shows %q", got)
	}
}
