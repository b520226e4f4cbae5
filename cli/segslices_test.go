package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
)

// moveFrames rewrites a SEG with pydicom (an independent writer): the
// frames lying on the n-th distinct z (or only its first frame when one
// is true) move one slice spacing up, onto a slice that was not
// annotated.
func moveFrames(t *testing.T, seg string, one bool) {
	t.Helper()
	script := `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
one = sys.argv[2] == "1"
fr = ds.PerFrameFunctionalGroupsSequence
zs = sorted({float(f.PlanePositionSequence[0].ImagePositionPatient[2]) for f in fr})
step = float(ds.SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0].SliceThickness) if "SliceThickness" in ds.SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0] else None
z0 = zs[1]
dz = (zs[1] - zs[0]) / 5 if step is None else step
moved = 0
for f in fr:
    p = f.PlanePositionSequence[0].ImagePositionPatient
    if float(p[2]) == z0 and (not one or moved == 0):
        p[2] = "%.6f" % (z0 + dz)
        moved += 1
ds.save_as(sys.argv[1])
print(moved, dz)
`
	flag := "0"
	if one {
		flag = "1"
	}
	if out, err := exec.Command("/usr/bin/python3", "-c", script, seg, flag).CombinedOutput(); err != nil {
		t.Fatalf("python3-pydicom is needed (make test installs it): %v\n%s", err, out)
	}
}

// TestImportSEGSlices: a SEG with one frame moved to a slice that was
// not annotated is refused naming the segment; a SEG whose slices are not
// the case's annotated slices is refused naming them, unless
// --other-slices.
func TestImportSEGSlices(t *testing.T) {
	demo, out := t.TempDir(), t.TempDir()
	if code, _, errs := run("demo", demo, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(demo, "case_000")
	if code, _, errs := run("export-seg", c, out, "--map", "regions"); code != 0 {
		t.Fatal(errs)
	}
	seg := filepath.Join(out, "case_000-regions.dcm")
	orig, _ := os.ReadFile(seg)
	before, _ := os.ReadFile(filepath.Join(c, store.RegionsFile))

	moveFrames(t, seg, true)
	if code, _, errs := run("import-seg", seg, c, "--replace"); code != 2 || !strings.Contains(errs, "has no frame on slices") {
		t.Errorf("one frame moved: %d %s", code, errs)
	}
	os.WriteFile(seg, orig, 0o644)
	moveFrames(t, seg, false)
	code, _, errs := run("import-seg", seg, c, "--replace")
	if code != 2 || !strings.Contains(errs, "--other-slices") || !strings.Contains(errs, "not annotated in the case") {
		t.Errorf("a slice moved: %d %s", code, errs)
	}
	if after, _ := os.ReadFile(filepath.Join(c, store.RegionsFile)); string(after) != string(before) {
		t.Fatal("a refused import changed the map")
	}
	if code, _, errs := run("import-seg", seg, c, "--replace", "--other-slices"); code != 0 {
		t.Errorf("--other-slices: %s", errs)
	}
}
