package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
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
