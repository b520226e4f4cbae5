package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// csvSet makes a data set folder with one case folder and the CSV given.
func csvSet(t *testing.T, csv string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "case_000"), 0o755); err != nil {
		t.Fatal(err)
	}
	if csv != "" {
		if err := os.WriteFile(filepath.Join(dir, "Segmentation Info.csv"), []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestAddCSVRow: a new case gets a row written the way the file writes its
// others (number or folder name, its line ending, a missing final newline
// supplied), the rows already there are kept byte for byte, known columns
// are filled and unknown ones left empty; a case with a row, or a folder
// without a CSV, is left alone; a CSV with no id column is an error naming
// the file.
func TestAddCSVRow(t *testing.T) {
	for _, c := range []struct{ name, csv, want string }{
		{"folder ids", "id,split,sex\ncase_000,fold-1,F\n", "id,split,sex\ncase_000,fold-1,F\ncase_007,,M\n"},
		{"numeric ids, CRLF, no final newline", "ID,Sex,note\r\n0,F,\"a, b\"", "ID,Sex,note\r\n0,F,\"a, b\"\r\n7,M,\r\n"},
		{"padded numeric ids", "id\n000\n001\n", "id\n000\n001\n007\n"},
		{"header only", "id,tcia_series_instance_uid\n", "id,tcia_series_instance_uid\ncase_007,1.2.3\n"},
	} {
		dir := csvSet(t, c.csv)
		p, err := AddCSVRow(filepath.Join(dir, "case_007"), map[string]string{"sex": "M", "tcia_series_instance_uid": "1.2.3"})
		if err != nil || p != filepath.Join(dir, "Segmentation Info.csv") {
			t.Fatalf("%s: %q %v", c.name, p, err)
		}
		if b, _ := os.ReadFile(p); string(b) != c.want {
			t.Errorf("%s: CSV is\n%q\nwant\n%q", c.name, b, c.want)
		}
		// Again: the case has its row now, nothing changes.
		if p, err := AddCSVRow(filepath.Join(dir, "case_007"), nil); p != "" || err != nil {
			t.Errorf("%s: second add wrote %q %v", c.name, p, err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "Segmentation Info.csv")); string(b) != c.want {
			t.Errorf("%s: second add changed the CSV to %q", c.name, b)
		}
	}
	if p, err := AddCSVRow(filepath.Join(csvSet(t, ""), "case_001"), nil); p != "" || err != nil {
		t.Errorf("no CSV: %q %v", p, err)
	}
	dir := csvSet(t, "case,split\ncase_000,test\n")
	if _, err := AddCSVRow(filepath.Join(dir, "case_001"), nil); err == nil || !strings.Contains(err.Error(), "Segmentation Info.csv has no id column") {
		t.Errorf("no id column: %v", err)
	}
}

// TestImportAddsCSVRow: a DICOM series imported as the next case of a
// demo data set opens with its row (series UID, orientation, sex) and no
// problem.
func TestImportAddsCSVRow(t *testing.T) {
	dir := t.TempDir()
	if err := WriteDemo(dir, 1); err != nil {
		t.Fatal(err)
	}
	s := scanOne(t, dicomtest.Series{UID: "1.2.3.77", Rows: 12, Cols: 10, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 10,
		BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1, Sex: "F", Value: func(i, j, k int) int { return 1024 }})
	dst := NextCaseDir(dir)
	if _, warn, err := ImportDICOM(s, dst, 0, false, nil); err != nil || len(warn) > 0 {
		t.Fatalf("import: %v %v", err, warn)
	}
	ds, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Cases) != 2 || len(ds.Problems) > 0 {
		t.Fatalf("%d cases, problems %v", len(ds.Cases), ds.Problems)
	}
	c := ds.Cases[1]
	if c.ID != "case_001" || len(c.Problems) > 0 {
		t.Errorf("%s: problems %v", c.ID, c.Problems)
	}
	if c.Meta["tcia_series_instance_uid"] != "1.2.3.77" || c.Meta["sex"] != "F" || c.Meta["orientation_code"] != "LPS" || c.Meta["split"] != "" {
		t.Errorf("row %v", c.Meta)
	}
}

// FuzzCSV feeds any bytes as a data set's CSV: opening the data set never
// panics, and when AddCSVRow adds the next case its row, the file keeps
// every byte it had before and the reopened data set finds the new case's
// row.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"id,split,sex\ncase_000,fold-1,F\n",
		"ID,Sex,note\r\n0,F,\"a, b\"",
		"id\n000\n001\n",
		"\ufeffid,split\n1,test\n",
		"id,\"unterminated\n",
		"id,a\"b\n",
		"",
		"\n\n\n",
		"case,split\ncase_000,test\n",
		"id,id\ncase_000,case_000\n",
		"id\r",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		for _, c := range []string{"case_000", "case_001"} {
			if err := os.Mkdir(filepath.Join(dir, c), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(dir, "Segmentation Info.csv")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(dir); err != nil {
			t.Fatalf("open: %v", err)
		}
		p, err := AddCSVRow(filepath.Join(dir, "case_001"), map[string]string{"split": "test"})
		if p == "" || err != nil {
			return
		}
		after, _ := os.ReadFile(path)
		if !strings.HasPrefix(string(after), string(b)) {
			t.Fatalf("the CSV's old bytes were changed:\n%q\n%q", b, after)
		}
		ds, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range ds.Cases {
			if c.ID == "case_001" && len(c.Meta) == 0 {
				t.Fatalf("case_001 has no row after AddCSVRow:\n%q", after)
			}
		}
	})
}
