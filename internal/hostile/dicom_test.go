package hostile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// goodSeries writes a small valid CT series into dir.
func goodSeries(t *testing.T, dir string) {
	t.Helper()
	dicomtest.Series{UID: "1.2.3.4.99", Rows: 32, Cols: 24, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 2, N: 12,
		BitsStored: 16, Signed: true, Slope: 1, Inter: -1024, Skip: -1, Sex: "F",
		Value: func(i, j, k int) int { return 1000 + i + j + k }}.Write(t, dir)
}

// TestDICOMBombs: parser bombs beside a good series (nesting 50,000 deep,
// three elements of length 0xFFFFFFF0, a quarter of a million elements)
// are warnings naming each file, and the good series is imported, within
// the budget.
func TestDICOMBombs(t *testing.T) {
	src := t.TempDir()
	goodSeries(t, filepath.Join(src, "good"))
	bombs := map[string][]byte{
		"bombs/nested.dcm": DICOMNested(50000),
		"bombs/long1.dcm":  DICOMLongLength(0xFFFFFFF0),
		"bombs/long2.dcm":  DICOMLongLength(0xFFFFFFF0),
		"bombs/long3.dcm":  DICOMLongLength(0xFFFFFFF0),
		"bombs/many.dcm":   DICOMManyElements(250000),
	}
	for name, b := range bombs {
		write(t, src, name, b)
	}
	dst := filepath.Join(t.TempDir(), "case")
	r := run(t, nil, "import-dicom", src, dst)
	want := []string{
		"nested.dcm: malformed DICOM structure: sequences nested more than 32 deep",
		"long1.dcm: malformed DICOM structure: element (0008,0119) at byte 280 claims 4294967280 bytes but only 8192 remain",
		"long3.dcm: malformed DICOM structure",
		"many.dcm: malformed DICOM structure: more than 200000 elements",
	}
	expect(t, r, 0, want...)
	if !strings.Contains(r.stdout, "imported series 1.2.3.4.99") {
		t.Errorf("good series not imported: %s", r.stdout)
	}
}

// TestDICOMScanSkipsWhatItCannotRead: a sub-folder whose path is too long
// for the system is a warning; the good series is still imported.
func TestDICOMScanSkipsWhatItCannotRead(t *testing.T) {
	src := t.TempDir()
	goodSeries(t, filepath.Join(src, "good"))
	t.Chdir(src)
	name := strings.Repeat("d", 200)
	for i := 0; i < 22; i++ {
		if err := os.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chdir(name); err != nil {
			t.Fatal(err)
		}
	}
	dst := filepath.Join(t.TempDir(), "case")
	r := run(t, nil, "import-dicom", src, dst)
	expect(t, r, 0, "warning: ", "skipped, cannot be read (file name too long)")
	if !strings.Contains(r.stdout, "imported series 1.2.3.4.99") {
		t.Errorf("good series not imported: %s", r.stdout)
	}
}
