package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSliceNotes: notes round-trip by slice index; no file means no
// notes; a damaged file is an error naming the case and the file.
func TestSliceNotes(t *testing.T) {
	c := &Case{ID: "case_004", Dir: t.TempDir()}
	if m, err := c.LoadSliceNotes(); err != nil || len(m) != 0 {
		t.Fatalf("no file: %v %v", m, err)
	}
	if err := c.SaveSliceNotes(map[int]string{26: "metal artefact", 31: "motion"}); err != nil {
		t.Fatal(err)
	}
	if m, err := c.LoadSliceNotes(); err != nil || m[26] != "metal artefact" || m[31] != "motion" || len(m) != 2 {
		t.Fatalf("read back %v %v", m, err)
	}
	os.WriteFile(filepath.Join(c.Dir, filepath.FromSlash(SliceNotesFile)), []byte(`{"x": 1`), 0o644)
	if _, err := c.LoadSliceNotes(); err == nil || !strings.Contains(err.Error(), "case_004") || !strings.Contains(err.Error(), "slice-notes.json") {
		t.Errorf("damaged file: %v", err)
	}
}
