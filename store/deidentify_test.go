package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
	"github.com/suyashkumar/dicom/pkg/tag"
)

// identified is a series whose headers carry what the basic profile
// lists: who the patient is, where and by whom they were scanned, and UIDs.
func identified() dicomtest.Series {
	return dicomtest.Series{UID: "1.2.826.0.1.3680043.99.4242", Rows: 8, Cols: 8, Orient: [6]float64{1, 0, 0, 0, 1, 0},
		RowSp: 1, ColSp: 1, Step: 1, N: 6, BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Sex: "F",
		Value: func(i, j, k int) int { return 1024 },
		Identifiers: map[tag.Tag][]string{
			tag.PatientName:            {"DOE^JANE"},
			tag.PatientID:              {"PID-774411"},
			tag.PatientBirthDate:       {"19610203"},
			tag.PatientAddress:         {"12 Elm Street Springfield"},
			tag.PatientAge:             {"063Y"},
			tag.InstitutionName:        {"St. Example Hospital"},
			tag.ReferringPhysicianName: {"HOUSE^GREGORY"},
			tag.OperatorsName:          {"SMITH^ALEX"},
			tag.AccessionNumber:        {"ACC99881"},
			tag.StudyDate:              {"20190512"},
			tag.StudyInstanceUID:       {"1.2.826.0.1.3680043.99.777"},
			tag.StationName:            {"CTSCANNER7"},
		}}
}

var identifiers = []string{"DOE^JANE", "PID-774411", "19610203", "Elm Street", "St. Example", "HOUSE^GREGORY",
	"SMITH^ALEX", "ACC99881", "20190512", "1.2.826.0.1.3680043.99.777", "CTSCANNER7"}

// caseBytes is every file of a case folder, concatenated.
func caseBytes(t *testing.T, dir string) []byte {
	var all []byte
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			b, _ := os.ReadFile(p)
			all = append(all, b...)
		}
		return nil
	})
	return all
}

// TestImportIsDeidentifiedByDefault: no identifier of the series reaches
// any file of the case folder (tags, images); sex and age stay (the Retain
// Patient Characteristics option); UIDs are replaced consistently; the
// record names what was removed, blanked and replaced. With
// KeepIdentifiers every tag stays.
func TestImportIsDeidentifiedByDefault(t *testing.T) {
	s := scanOne(t, identified())
	root := t.TempDir()
	if err := WriteDemo(root, 1); err != nil {
		t.Fatal(err)
	}
	dst := NextCaseDir(root)
	if _, _, err := ImportDICOM(s, dst, 0, false, nil); err != nil {
		t.Fatal(err)
	}
	all := caseBytes(t, dst)
	csv, _ := os.ReadFile(filepath.Join(root, DemoCSV))
	all = append(all, csv...)
	for _, id := range identifiers {
		if bytes.Contains(all, []byte(id)) {
			t.Errorf("%q reached the case", id)
		}
	}
	tags, err := ReadDICOMTags(dst)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tg := range tags {
		got[tg.Tag] = tg.Value
	}
	if got["(0010,0040)"] != "F" || got["(0010,1010)"] != "063Y" {
		t.Errorf("patient characteristics lost: sex %q age %q", got["(0010,0040)"], got["(0010,1010)"])
	}
	if v, ok := got["(0010,0010)"]; !ok || v != "" {
		t.Errorf("PatientName should be present and empty: %q %v", v, ok)
	}
	if _, ok := got["(0008,0080)"]; ok {
		t.Error("InstitutionName kept")
	}
	if got["(0020,000E)"] != HashUID("1.2.826.0.1.3680043.99.4242") || !strings.HasPrefix(got["(0020,000E)"], "2.25.") {
		t.Errorf("series UID %q", got["(0020,000E)"])
	}
	if got["(0012,0062)"] != "YES" || !strings.Contains(got["(0012,0063)"], "Annex E") {
		t.Errorf("no de-identification marks: %q %q", got["(0012,0062)"], got["(0012,0063)"])
	}
	// The tags no longer carry the series UID; the CSV row links the case
	// to its source series on purpose (see deidentifyImport).
	if bytes.Contains(caseBytes(t, dst), []byte("1.2.826.0.1.3680043.99.4242")) {
		t.Error("the series UID reached the case folder")
	}
	if !strings.Contains(string(csv), "1.2.826.0.1.3680043.99.4242") {
		t.Errorf("CSV row without the source series UID: %s", csv)
	}
	d, err := ReadDeidentification(dst)
	if err != nil || d == nil || d.KeptIdentifiers || d.Profile != BasicProfile {
		t.Fatalf("record %+v %v", d, err)
	}
	record := strings.Join(append(append(d.Removed, d.Blanked...), d.Replaced...), "|")
	for _, want := range []string{"(0010,0010) Patient's Name", "(0010,0020) Patient ID", "(0010,0030) Patient's Birth Date",
		"(0010,1040) Patient's Address", "(0008,0080) Institution Name", "(0008,0090) Referring Physician's Name",
		"(0020,000D) Study Instance UID", "(0020,000E) Series Instance UID"} {
		if !strings.Contains(record, want) {
			t.Errorf("the record does not name %s: %s", want, record)
		}
	}

	// Kept on request.
	keep := filepath.Join(t.TempDir(), "case_000")
	if _, _, err := ImportDICOMTo(s, keep, ImportOptions{KeepIdentifiers: true}, nil); err != nil {
		t.Fatal(err)
	}
	kept := caseBytes(t, keep)
	for _, id := range []string{"DOE^JANE", "PID-774411", "St. Example", "1.2.826.0.1.3680043.99.4242"} {
		if !bytes.Contains(kept, []byte(id)) {
			t.Errorf("--keep-identifiers lost %q", id)
		}
	}
	if d, _ := ReadDeidentification(keep); d == nil || !d.KeptIdentifiers {
		t.Errorf("record of a kept import: %+v", d)
	}
}

// TestPrivateTagsAreRemoved: odd groups go, whatever their number.
func TestPrivateTagsAreRemoved(t *testing.T) {
	in := []struct{ tag, want string }{{"(0029,1010)", "removed"}, {"(0009,0010)", "removed"}, {"(0028,0030)", "kept"}, {"(7FE0,0010)", "kept"}}
	for _, c := range in {
		if got := privateTag(c.tag); got != (c.want == "removed") {
			t.Errorf("%s: private %v", c.tag, got)
		}
	}
}
