//go:build linux

package dicom

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// TestOverLongPathWarns: a sub-folder whose path is too long for the
// system is a warning naming it, and the good series beside it is still
// found.
func TestOverLongPathWarns(t *testing.T) {
	dir := t.TempDir()
	dicomtest.Series{UID: "1.2.3.500", Rows: 2, Cols: 2, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 3,
		BitsStored: 16, Slope: 1, Skip: -1, Value: func(i, j, k int) int { return k }}.Write(t, filepath.Join(dir, "good"))
	// Nest folders of 200-character names past PATH_MAX (4096), one
	// relative step at a time.
	t.Chdir(dir)
	name := strings.Repeat("d", 200)
	for i := 0; i < 22; i++ {
		if err := os.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chdir(name); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile("x.dcm", []byte("not dicom"), 0o644); err != nil {
		t.Fatal(err)
	}
	all, _, warn, err := Scan(dir)
	if err != nil {
		t.Fatalf("scan stopped: %v", err)
	}
	if len(all) != 1 || len(all[0].Files) != 3 {
		t.Fatalf("good series not found whole: %d series", len(all))
	}
	if len(warn) != 1 || !strings.Contains(warn[0], "skipped, cannot be read (file name too long)") {
		t.Errorf("warnings %q", warn)
	}
}
