package dicom

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// TestTags: the header of a slice comes back with dictionary names and
// values; the pixel data is summarised, never dumped; a file that is not
// DICOM is named in the error.
func TestTags(t *testing.T) {
	dir := t.TempDir()
	dicomtest.Series{UID: "1.2.3.55", Rows: 4, Cols: 3, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 0.5, ColSp: 0.5, Step: 1, N: 2,
		BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Value: func(i, j, k int) int { return 0 }}.Write(t, dir)
	all, _, _, err := Scan(dir)
	if err != nil || len(all) != 1 {
		t.Fatal(err)
	}
	tags, err := Tags(all[0].Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	byTag := map[string]Tag{}
	for _, tg := range tags {
		byTag[tg.Tag] = tg
		if len(tg.Value) > maxTagValue+3 {
			t.Errorf("%s: value of %d bytes shown", tg.Tag, len(tg.Value))
		}
	}
	for k, want := range map[string]string{"(0008,0060)": "CT", "(0020,000E)": "1.2.3.55", "(0028,0010)": "4", "(0028,1052)": "-1024", "(0028,0030)": `0.5\0.5`} {
		if byTag[k].Value != want {
			t.Errorf("%s (%s) = %q, want %q", k, byTag[k].Name, byTag[k].Value, want)
		}
	}
	if byTag["(0008,0060)"].Name != "Modality" || byTag["(0008,0060)"].VR != "CS" {
		t.Errorf("modality tag %+v", byTag["(0008,0060)"])
	}
	p := filepath.Join(dir, "notes.txt")
	os.WriteFile(p, []byte("plain text"), 0o644)
	if _, err := Tags(p); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("non-DICOM: %v", err)
	}
}
