package cli

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/dicomseg"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/nifti"
)

// realCTSeries writes a 12-slice CT series made by pydicom from its real
// CT_small.dcm (same pixels, positions 2.5 mm apart, new instance UIDs),
// so the case has the study, patient and frame of reference of a real
// scanner's header.
func realCTSeries(t *testing.T, dir string) {
	t.Helper()
	script := `
import sys, os, pydicom
from pydicom.data import get_testdata_file
src = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
z0 = float(src.ImagePositionPatient[2])
for k in range(12):
    ds = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    ds.SOPInstanceUID = src.SOPInstanceUID + ".%d" % (k + 1)
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.InstanceNumber = k + 1
    ds.ImagePositionPatient = [src.ImagePositionPatient[0], src.ImagePositionPatient[1], z0 + 2.5 * k]
    ds.SliceLocation = z0 + 2.5 * k
    ds.PatientSize = "1.75"
    ds.save_as(os.path.join(sys.argv[1], "ct%02d.dcm" % k))
`
	if out, err := exec.Command("/usr/bin/python3", "-c", script, dir).CombinedOutput(); err != nil {
		t.Fatalf("python3-pydicom is needed (make test installs it): %v\n%s", err, out)
	}
}

// TestSEGRoundTripFromDICOM: a case imported from a real CT header is
// labelled, exported as SEG (dciodvfy finds no error; the SEG is in the
// source study and frame of reference and references the source series),
// refused on import over labelled maps, and imported with --replace into
// exactly the same maps.
func TestSEGRoundTripFromDICOM(t *testing.T) {
	if _, err := exec.LookPath("dciodvfy"); err != nil {
		t.Fatal("dciodvfy is needed (Debian package dicom3tools; make test installs it)")
	}
	src, caseDir, out := t.TempDir(), filepath.Join(t.TempDir(), "case_000"), t.TempDir()
	realCTSeries(t, src)
	// Identifiers kept, so the SEG references the source study and series
	// as they are in the archive (a de-identified import references the
	// de-identified UIDs its tags hold).
	if code, _, errs := run("import-dicom", src, caseDir, "--keep-identifiers"); code != 0 {
		t.Fatal(errs)
	}
	// Label the annotated slices from the HU: bone above 300, muscle
	// from -29 to 150, subcutaneous tissue for fat; parts torso.
	im, _, err := nifti.LoadImage(filepath.Join(caseDir, store.ImageFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	reg, rh, _ := nifti.LoadLabels(filepath.Join(caseDir, store.RegionsFile), nil)
	par, ph, _ := nifti.LoadLabels(filepath.Join(caseDir, store.PartsFile), nil)
	for i, v := range reg.Voxels {
		if v == 255 {
			continue
		}
		hu := im.Voxels[i]
		switch {
		case hu > 300:
			reg.Voxels[i], par.Voxels[i] = 5, 1
		case hu >= -29 && hu <= 150:
			reg.Voxels[i], par.Voxels[i] = 2, 1
		case hu >= -190 && hu < -29:
			reg.Voxels[i], par.Voxels[i] = 1, 1
		}
	}
	store.WriteFileAtomic(filepath.Join(caseDir, store.RegionsFile), func(w io.Writer) error { return nifti.WriteLabels(w, reg, rh) })
	store.WriteFileAtomic(filepath.Join(caseDir, store.PartsFile), func(w io.Writer) error { return nifti.WriteLabels(w, par, ph) })

	code, stdout, errs := run("export-seg", caseDir, out)
	if code != 0 {
		t.Fatalf("export: %s %s", stdout, errs)
	}
	for _, m := range []string{"regions", "parts"} {
		p := filepath.Join(out, "case_000-"+m+".dcm")
		dv, _ := exec.Command("dciodvfy", p).CombinedOutput()
		for _, l := range strings.Split(string(dv), "\n") {
			if strings.HasPrefix(l, "Error") {
				t.Errorf("%s: dciodvfy: %s", m, l)
			}
		}
	}
	// Study, frame of reference and source series as pydicom reads them.
	check := `
import sys, pydicom
from pydicom.data import get_testdata_file
src = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
seg = pydicom.dcmread(sys.argv[1])
assert seg.StudyInstanceUID == src.StudyInstanceUID, "study"
assert seg.FrameOfReferenceUID == src.FrameOfReferenceUID, "frame of reference"
assert seg.PatientID == src.PatientID, "patient"
assert seg.ReferencedSeriesSequence[0].SeriesInstanceUID == src.SeriesInstanceUID, "series"
assert seg.Modality == "SEG" and seg.SegmentationType == "BINARY"
print(len(seg.PerFrameFunctionalGroupsSequence))
`
	if o, err := exec.Command("/usr/bin/python3", "-c", check, filepath.Join(out, "case_000-regions.dcm")).CombinedOutput(); err != nil {
		t.Fatalf("pydicom check: %v\n%s", err, o)
	}
	if code, _, errs := run("export-seg", caseDir, out); code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("second export without --force: %d %s", code, errs)
	}
	if code, _, errs := run("import-seg", out, caseDir); code != 2 || !strings.Contains(errs, "--replace") {
		t.Fatalf("import over labels without --replace: %d %s", code, errs)
	}
	if code, stdout, errs := run("import-seg", out, caseDir, "--replace"); code != 0 {
		t.Fatalf("import: %s %s", stdout, errs)
	}
	for _, c := range []struct {
		file string
		want []byte
	}{{store.RegionsFile, reg.Voxels}, {store.PartsFile, par.Voxels}} {
		got, _, err := nifti.LoadLabels(filepath.Join(caseDir, c.file), nil)
		if err != nil || !bytes.Equal(got.Voxels, c.want) {
			t.Fatalf("%s after the round trip differs (%v)", c.file, err)
		}
	}
	hist, _ := os.ReadDir(filepath.Join(caseDir, filepath.FromSlash(store.HistoryDir)))
	if len(hist) != 1 {
		t.Errorf("previous maps not kept: %d revisions", len(hist))
	}
	// A SEG of another case's grid is refused, the maps untouched.
	demo := t.TempDir()
	run("demo", demo, "--cases", "1")
	if code, _, errs := run("import-seg", filepath.Join(out, "case_000-regions.dcm"), filepath.Join(demo, "case_000"), "--replace", "--other-patient"); code != 2 || !strings.Contains(errs, "does not fit") {
		t.Errorf("other grid: %d %s", code, errs)
	}
	if !dicomseg.IsSEG(filepath.Join(out, "case_000-parts.dcm")) {
		t.Error("IsSEG")
	}
}

// TestSEGDemoCase: a case not made from DICOM gets a new study; its round
// trip is exact.
func TestSEGDemoCase(t *testing.T) {
	demo, out := t.TempDir(), t.TempDir()
	run("demo", demo, "--cases", "1")
	c := filepath.Join(demo, "case_000")
	before, _, _ := nifti.LoadLabels(filepath.Join(c, store.RegionsFile), nil)
	if code, o, errs := run("export-seg", c, out, "--map", "regions"); code != 0 || !strings.Contains(o, "segments") {
		t.Fatalf("%s %s", o, errs)
	}
	if code, _, errs := run("import-seg", filepath.Join(out, "case_000-regions.dcm"), c, "--replace"); code != 0 {
		t.Fatal(errs)
	}
	after, _, _ := nifti.LoadLabels(filepath.Join(c, store.RegionsFile), nil)
	if !bytes.Equal(before.Voxels, after.Voxels) {
		t.Fatal("demo regions differ after the round trip")
	}
	for _, bad := range [][]string{{"export-seg", c}, {"export-seg", c, out, "--map", "organs"}, {"import-seg", out}} {
		if code, _, _ := run(bad...); code != 2 {
			t.Errorf("%v: exit %d", bad, code)
		}
	}
}
