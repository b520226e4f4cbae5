package dicom

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// FuzzSeries: any bytes in a series folder give a series, warnings or
// errors, never a panic.
func FuzzSeries(f *testing.F) {
	dir := f.TempDir()
	dicomtest.Series{UID: "1.2.3", Rows: 3, Cols: 2, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 2, N: 2,
		BitsStored: 12, Signed: true, Slope: 1, Skip: -1, Value: func(i, j, k int) int { return i + j + k }}.Write(f, dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.dcm"))
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
		f.Add(b[:len(b)/2])
		f.Add(b[:140])
	}
	f.Add([]byte("DICM"))
	for name, c := range hostileDICOM() {
		if name != "many-elements.dcm" { // 1.6 MB: covered by TestParserBombsRefused
			f.Add(c.b)
		}
	}
	work := f.TempDir()
	good, _ := os.ReadFile(files[0])
	f.Fuzz(func(t *testing.T, b []byte) {
		os.WriteFile(filepath.Join(work, "a.dcm"), good, 0o644)
		os.WriteFile(filepath.Join(work, "b.dcm"), b, 0o644)
		Tags(filepath.Join(work, "b.dcm")) // the tag panel reads any file it is given
		all, _, _, err := Scan(work)
		if err != nil {
			return
		}
		for _, s := range all {
			s.Image(nil)
		}
	})
}

// FuzzStructure: the structure check never panics on any bytes, and a file
// it accepts is parsed by the library without a panic of ours.
func FuzzStructure(f *testing.F) {
	for _, c := range hostileDICOM() {
		if len(c.b) < 1<<20 {
			f.Add(c.b)
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "f.dcm")
		os.WriteFile(p, b, 0o644)
		if checkStructure(p, true) != nil {
			return
		}
		Tags(p)
	})
}
