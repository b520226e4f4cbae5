package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/nifti"
)

// TestImportSEGRefusesOtherPatient: a SEG of case_000 is refused on
// case_001 even though the grids match, naming both identities; with
// --other-patient it is taken. A case from DICOM refuses a SEG whose
// PatientID, study or frame of reference differs from its header.
func TestImportSEGRefusesOtherPatient(t *testing.T) {
	demo, out := t.TempDir(), t.TempDir()
	if code, _, errs := run("demo", demo, "--cases", "2"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run("export-seg", filepath.Join(demo, "case_000"), out, "--map", "regions"); code != 0 {
		t.Fatal(errs)
	}
	seg := filepath.Join(out, "case_000-regions.dcm")
	other := filepath.Join(demo, "case_001")
	before, _ := os.ReadFile(filepath.Join(other, store.RegionsFile))
	code, _, errs := run("import-seg", seg, other, "--replace")
	if code != 2 || !strings.Contains(errs, `"case_000"`) || !strings.Contains(errs, `"case_001"`) || !strings.Contains(errs, "--other-patient") {
		t.Fatalf("SEG of case_000 into case_001: exit %d, %s", code, errs)
	}
	after, _ := os.ReadFile(filepath.Join(other, store.RegionsFile))
	if string(before) != string(after) {
		t.Fatal("refused import changed the case")
	}
	if code, _, errs := run("import-seg", seg, other, "--replace", "--other-patient", "--other-slices"); code != 0 {
		t.Fatalf("with --other-patient: %s", errs)
	}
	// Its own case takes it.
	if code, _, errs := run("import-seg", seg, filepath.Join(demo, "case_000"), "--replace"); code != 0 {
		t.Fatalf("own case: %s", errs)
	}

	// A DICOM case: the case's header says patient Pzero.
	src, caseDir := t.TempDir(), filepath.Join(t.TempDir(), "case_000")
	realCTSeries(t, src)
	// Identifiers kept: a de-identified case has no PatientID to compare.
	if code, _, errs := run("import-dicom", src, caseDir, "--keep-identifiers"); code != 0 {
		t.Fatal(errs)
	}
	tags, err := store.ReadDICOMTags(caseDir)
	if err != nil {
		t.Fatal(err)
	}
	var pid string
	for _, tg := range tags {
		if tg.Tag == "(0010,0020)" {
			pid = tg.Value
		}
	}
	if pid == "" {
		t.Fatal("the real CT header has no PatientID")
	}
	// A SEG made from the demo case (same id case_000, no header) into
	// the DICOM case: patient differs.
	code, _, errs = run("import-seg", seg, caseDir, "--replace")
	if code != 2 || !strings.Contains(errs, "PatientID") || !strings.Contains(errs, `"`+pid+`"`) {
		t.Fatalf("demo SEG into DICOM case: exit %d, %s", code, errs)
	}
}

// TestImportSEGIntoDeidentifiedCase: a SEG made on the source series (its
// original study and frame of reference UIDs, as an archive's SEG has
// them) is taken by the case de-identified from that series, whose UIDs
// are hashes of those; a SEG of another study is still refused.
func TestImportSEGIntoDeidentifiedCase(t *testing.T) {
	src := t.TempDir()
	realCTSeries(t, src)
	kept, deid, segs := filepath.Join(t.TempDir(), "case_000"), filepath.Join(t.TempDir(), "case_000"), t.TempDir()
	if code, _, errs := run("import-dicom", src, kept, "--keep-identifiers"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run("import-dicom", src, deid); code != 0 {
		t.Fatal(errs)
	}
	if d, err := store.ReadDeidentification(deid); err != nil || d == nil || d.KeptIdentifiers {
		t.Fatalf("the default import is not de-identified: %+v %v", d, err)
	}
	// Label the kept case's annotated slices (all torso) and export its
	// SEG: it carries the source's UIDs.
	reg, rh, err := nifti.LoadLabels(filepath.Join(kept, store.RegionsFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range reg.Voxels {
		if v != 255 && i%3 == 0 {
			reg.Voxels[i] = 2
		}
	}
	store.WriteFileAtomic(filepath.Join(kept, store.RegionsFile), func(w io.Writer) error { return nifti.WriteLabels(w, reg, rh) })
	if code, _, errs := run("export-seg", kept, segs, "--map", "regions"); code != 0 {
		t.Fatal(errs)
	}
	seg := filepath.Join(segs, "case_000-regions.dcm")
	code, _, errs := run("import-seg", seg, deid)
	if code != 0 {
		t.Fatalf("SEG of the source series into its de-identified case: exit %d, %s", code, errs)
	}
	got, _, _ := nifti.LoadLabels(filepath.Join(deid, store.RegionsFile), nil)
	if !bytes.Equal(got.Voxels, reg.Voxels) {
		t.Fatal("imported map differs from the SEG's")
	}
	// A SEG of another study (a demo case's, same id) is refused.
	demo := t.TempDir()
	run("demo", demo, "--cases", "1")
	other := filepath.Join(t.TempDir(), "o")
	os.MkdirAll(other, 0o755)
	run("export-seg", filepath.Join(demo, "case_000"), other, "--map", "regions")
	code, _, errs = run("import-seg", filepath.Join(other, "case_000-regions.dcm"), deid, "--replace")
	if code != 2 || !strings.Contains(errs, "StudyInstanceUID") || !strings.Contains(errs, "de-identified") {
		t.Fatalf("SEG of another study: exit %d, %s", code, errs)
	}
}
