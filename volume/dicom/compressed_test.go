package dicom

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// TestCompressedSmallerThanRaw: a compressed series whose files are
// smaller than its pixels would be raw is reported by its transfer syntax
// and what to do, not as a size mismatch.
func TestCompressedSmallerThanRaw(t *testing.T) {
	const rle = "1.2.840.10008.1.2.5" // same length as explicit little endian
	dir := t.TempDir()
	dicomtest.Series{UID: "1.2.3.700", Rows: 2, Cols: 2, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 2,
		BitsStored: 16, Slope: 1, Skip: -1, Syntax: "1.2.840.10008.1.2.1", Value: func(i, j, k int) int { return 0 }}.Write(t, dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.dcm"))
	for _, p := range files {
		b, _ := os.ReadFile(p)
		s := strings.Replace(string(b), "1.2.840.10008.1.2.1\x00", rle+"\x00", 1)
		// Rows (0028,0010) US 2 → 4096: 32 MB raw, in a file of a few KB.
		s = strings.Replace(s, "\x28\x00\x10\x00US\x02\x00\x02\x00", "\x28\x00\x10\x00US\x02\x00\x00\x10", 1)
		os.WriteFile(p, []byte(s), 0o644)
	}
	all, _, warn, err := Scan(dir)
	if err != nil || len(all) != 1 || len(warn) > 0 {
		t.Fatalf("scan: %v, %d series, %v", err, len(all), warn)
	}
	_, _, err = all[0].Image(nil)
	if !errors.Is(err, ErrCompressed) || !strings.Contains(err.Error(), "transfer syntax 1.2.840.10008.1.2.5 (RLE lossless)") || !strings.Contains(err.Error(), "decompress the series first") {
		t.Fatalf("got %v", err)
	}
}
