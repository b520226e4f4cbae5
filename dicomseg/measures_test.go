package dicomseg

import (
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// TestStudyIDAndFrameSpacing: a SEG of a new study has a StudyID, and its
// SpacingBetweenSlices is the distance between its frames (every fifth
// slice of 5 mm: 25 mm), as pydicom reads them.
func TestStudyIDAndFrameSpacing(t *testing.T) {
	p := phantom(t)
	ks := p.Regions.AnnotatedSlices()
	path := writeSEG(t, p, "regions", Reference{})
	script := `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
pm = ds.SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0]
zs = sorted({float(f.PlanePositionSequence[0].ImagePositionPatient[2]) for f in ds.PerFrameFunctionalGroupsSequence})
print(repr(ds.StudyID), float(pm.SpacingBetweenSlices), zs[1] - zs[0])
`
	out, err := exec.Command("/usr/bin/python3", "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("pydicom: %v\n%s", err, out)
	}
	f := strings.Fields(string(out))
	want := float64(ks[1]-ks[0]) * p.Regions.Spacing[2]
	num := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	if len(f) != 3 || f[0] == "''" || math.Abs(num(f[1])-want) > 1e-6 || math.Abs(num(f[2])-want) > 1e-6 {
		t.Errorf("StudyID, SpacingBetweenSlices, frame distance: %s (want spacing %g)", out, want)
	}
}
