package dicom

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	dcm "github.com/suyashkumar/dicom"

	"github.com/saros-review/saros-review/internal/hostile"
)

// hostileDICOM are parser bombs and the message each must be refused with.
func hostileDICOM() map[string]struct {
	b    []byte
	want string
} {
	return map[string]struct {
		b    []byte
		want string
	}{
		"nested-40.dcm":      {hostile.DICOMNested(40), "sequences nested more than 32 deep"},
		"nested-50000.dcm":   {hostile.DICOMNested(50000), "sequences nested more than 32 deep"},
		"long-length.dcm":    {hostile.DICOMLongLength(0xFFFFFFF0), "claims 4294967280 bytes but only 8192 remain"},
		"many-elements.dcm":  {hostile.DICOMManyElements(MaxElements + 10), "more than 200000 elements"},
		"frames-wrap.dcm":    {hostile.DICOMManyFrames("8192", 0), "claims 8192 frame(s) of 512×512 pixels but its pixel data holds 0 bytes"},
		"frames-absurd.dcm":  {hostile.DICOMManyFrames("99999999999", 8), "claims 99999999999 frame(s)"},
		"nested-32-fine.dcm": {hostile.DICOMNested(16), ""},
	}
}

// TestParserBombsRefused: each bomb is refused by the structure check
// (pixels decoded or not) with its message, in well under a second and a
// few MB, and the tag reader and the scan report it instead of dying.
func TestParserBombsRefused(t *testing.T) {
	dir := t.TempDir()
	for name, c := range hostileDICOM() {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, c.b, 0o644); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		err := checkStructure(p, true)
		el := time.Since(start)
		runtime.ReadMemStats(&after)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if !errors.Is(err, ErrStructure) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
		if el > time.Second {
			t.Errorf("%s: took %v", name, el)
		}
		if a := after.TotalAlloc - before.TotalAlloc; a > 4<<20 {
			t.Errorf("%s: allocated %d bytes", name, a)
		}
		if strings.HasPrefix(name, "frames-") {
			continue // only decoding the pixels is at risk; Tags skips them
		}
		if _, err := Tags(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: Tags: %v", name, err)
		}
	}
}

// TestStructureAgreesWithParser: on every DICOM file pydicom ships for its
// own tests that carries the DICM marker, the structure check accepts what
// the parser reads without error, so the bounds cost no real file. Two
// refusals are on purpose: deflated files, and MR_truncated.dcm, whose
// pixel data runs past the end of the file (the parser reads it short).
func TestStructureAgreesWithParser(t *testing.T) {
	files, _ := filepath.Glob("/usr/lib/python3/dist-packages/pydicom/data/test_files/*.dcm")
	more, _ := filepath.Glob("/usr/lib/python3/dist-packages/pydicom/data/test_files/*/*.dcm")
	files = append(files, more...)
	if len(files) < 50 {
		t.Fatalf("pydicom's test files not found (%d): install python3-pydicom (make test does)", len(files))
	}
	checked := 0
	for _, p := range files {
		if !IsFile(p) {
			continue
		}
		for _, pixels := range []bool{false, true} {
			opts := []dcm.ParseOption{}
			if !pixels {
				opts = append(opts, dcm.SkipPixelData())
			}
			var perr error
			func() {
				defer func() {
					if r := recover(); r != nil {
						perr = errors.New("panic")
					}
				}()
				_, perr = dcm.ParseFile(p, nil, opts...)
			}()
			err := checkStructure(p, pixels)
			if perr == nil && err != nil && !strings.Contains(err.Error(), "deflated") && filepath.Base(p) != "MR_truncated.dcm" {
				t.Errorf("%s (pixels %v): refused a file the parser reads: %v", filepath.Base(p), pixels, err)
			}
			checked++
		}
	}
	t.Logf("%d files checked", checked/2)
}
