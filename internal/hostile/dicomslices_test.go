package hostile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// TestDICOMBadSlices: slices with BitsAllocated 0, a million frames,
// three samples a pixel, a NaN or huge RescaleSlope, or a zero, infinite
// or negative PixelSpacing are each left out with a warning naming the
// file and the value, and the other slices are imported (one bad slice
// aborted the import, or silently made every voxel 0 or 32767). Entries
// that are not readable files (a FIFO, links to a device, to nothing or
// to themselves) are warned of, and 40 junk files make one warning.
func TestDICOMBadSlices(t *testing.T) {
	src := t.TempDir()
	good := filepath.Join(src, "good")
	goodSeries(t, good)
	entries, _ := os.ReadDir(good)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	edits := []struct {
		g, e   uint16
		vr     string
		val    []byte
		before uint16
		want   string
	}{
		{0x0028, 0x0100, "US", US(0), 0, "BitsAllocated 0 is not 8, 16 or 32 bits a pixel; the slice is skipped"},
		{0x0028, 0x0008, "IS", []byte("1000000"), 0x0010, "1000000 frames in one file (a multi-frame image), not a CT slice"},
		{0x0028, 0x0002, "US", US(3), 0, "3 samples a pixel (a colour image), not a CT slice"},
		{0x0028, 0x1053, "DS", []byte("NaN"), 0, "RescaleSlope NaN is not a finite factor"},
		{0x0028, 0x1053, "DS", []byte("1e308"), 0, "RescaleSlope 1e+308 is not a finite factor"},
		{0x0028, 0x0030, "DS", []byte(`0\0`), 0, `PixelSpacing 0\0 is not a positive finite size`},
		{0x0028, 0x0030, "DS", []byte(`inf\-1`), 0, `PixelSpacing +Inf\-1 is not a positive finite size`},
	}
	var want []string
	for i, ed := range edits {
		p := filepath.Join(good, names[i])
		b := DICOMSet(mustRead(t, p), ed.g, ed.e, ed.vr, ed.val, ed.before)
		write(t, good, names[i], b)
		want = append(want, p+": "+ed.want)
	}
	odd := filepath.Join(src, "odd")
	os.MkdirAll(odd, 0o755)
	if err := syscall.Mkfifo(filepath.Join(odd, "pipe.dcm"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/zero", filepath.Join(odd, "zero.dcm"))
	os.Symlink("gone.dcm", filepath.Join(odd, "dangling.dcm"))
	os.Symlink("loop.dcm", filepath.Join(odd, "loop.dcm"))
	for i := 0; i < 40; i++ {
		write(t, src, fmt.Sprintf("junk/%02d.dcm", i), append(append(make([]byte, 128), "DICM"...), Noise(300)...))
	}
	dst := filepath.Join(t.TempDir(), "case")
	r := run(t, nil, "import-dicom", src, dst)
	expect(t, r, 0, append(want,
		"odd/pipe.dcm (is a named pipe (FIFO), not a regular file)",
		"odd/zero.dcm (a symbolic link to something that is a character device, not a regular file)",
		"odd/dangling.dcm (no such file or directory)",
		"odd/loop.dcm (too many levels of symbolic links)",
		"40 files could not be read as DICOM images and were skipped; the first 3: ")...)
	if !strings.Contains(r.stdout, fmt.Sprintf("(CT, %d slices)", len(names)-len(edits))) {
		t.Errorf("the good slices are not imported: %s", r.stdout)
	}
	if n := strings.Count(r.stderr, "\n"); n > 20 {
		t.Errorf("%d warning lines", n)
	}
	_ = bytes.MinRead
}
