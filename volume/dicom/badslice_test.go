package dicom

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// TestImageLeavesOutUnreadableSlice: a slice whose header reads but whose
// pixel data is cut short is left out with a warning naming its file; the
// other slices make the image (one bad slice aborted the whole import).
func TestImageLeavesOutUnreadableSlice(t *testing.T) {
	dir := t.TempDir()
	dicomtest.Series{UID: "1.2.3.501", Rows: 16, Cols: 16, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 6,
		BitsStored: 16, Slope: 1, Skip: -1, Value: func(i, j, k int) int { return k }}.Write(t, dir)
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	sort.Strings(names)
	b, err := os.ReadFile(names[2])
	if err != nil {
		t.Fatal(err)
	}
	// Half the pixel data, its element's length saying so: well formed,
	// but too few pixels for the slice.
	i := bytes.LastIndex(b, []byte{0xe0, 0x7f, 0x10, 0x00, 'O', 'W'})
	binary.LittleEndian.PutUint32(b[i+8:], 256)
	if err := os.WriteFile(names[2], b[:i+12+256], 0o644); err != nil {
		t.Fatal(err)
	}
	all, _, warn, err := Scan(dir)
	if err != nil || len(all) != 1 || len(all[0].Files) != 6 {
		t.Fatalf("scan: %v, %d series, warnings %q", err, len(all), warn)
	}
	im, warn, err := all[0].Image(nil)
	if err != nil {
		t.Fatalf("one bad slice failed the image: %v", err)
	}
	if im.Dims[2] != 5 || len(all[0].Files) != 5 {
		t.Errorf("%d slices, want 5", im.Dims[2])
	}
	if len(warn) == 0 || !strings.Contains(warn[0], names[2]) || !strings.Contains(warn[0], "the slice is left out") {
		t.Errorf("warnings %q do not name %s", warn, names[2])
	}
}
