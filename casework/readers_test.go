package casework

import (
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/store/review"
)

// TestReaderDirRefusesPathLogins: a login that would leave the readers
// folder (or name none) is refused; others get their own folder.
func TestReaderDirRefusesPathLogins(t *testing.T) {
	for _, bad := range []string{"", ".", "..", "../x", "a/b", `a\b`, "a\x00b"} {
		if d, err := ReaderDir("/data/case_000", bad); err == nil {
			t.Errorf("login %q gave folder %s", bad, d)
		}
	}
	d, err := ReaderDir("/data/case_000", "bob")
	if err != nil || d != filepath.Join("/data/case_000", ".saros-review", "readers", "bob") {
		t.Fatalf("%s %v", d, err)
	}
}

// The first reader of a double reading is who made the case's maps: the
// assigned annotator when they saved the case, else whoever saved it
// last; nobody when it was never saved.
func TestFirstReader(t *testing.T) {
	revs := []review.Revision{{ID: 1, Author: "root", Created: 10}, {ID: 2, Author: "carol", Created: 20}, {ID: 3, Author: "dan", Created: 20}}
	for _, c := range []struct {
		annotator string
		revs      []review.Revision
		want      string
	}{
		{"carol", revs, "carol"},
		{"erin", revs, "dan"},
		{"", revs, "dan"},
		{"carol", nil, ""},
		{"", revs[:1], "root"},
	} {
		if got := firstReader(c.annotator, c.revs); got != c.want {
			t.Errorf("annotator %q, %d saves: %q, want %q", c.annotator, len(c.revs), got, c.want)
		}
	}
}
