package hostile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsOutOfRange: absurd --jobs and --resample are refused with the
// allowed range before any work starts.
func TestFlagsOutOfRange(t *testing.T) {
	src := t.TempDir()
	goodSeries(t, src)
	dst := filepath.Join(t.TempDir(), "case")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"qc", src, "--jobs", "99999999999"}, "--jobs 99999999999 is out of range: use 1 to"},
		{[]string{"qc", src, "--jobs", "1000"}, "--jobs 1000 is out of range"},
		{[]string{"stats", src, "--jobs", "0"}, "--jobs 0 is out of range"},
		{[]string{"import-dicom", src, dst, "--resample", "1e-6"}, "--resample 1e-06 mm is out of range: use a slice distance from 0.1 to 50 mm"},
		{[]string{"import-dicom", src, dst, "--resample", "-5"}, "--resample -5 mm is out of range"},
		{[]string{"import-dicom", src, dst, "--resample", "0"}, "--resample 0 mm is out of range"},
		{[]string{"import-dicom", src, dst, "--resample", "NaN"}, "--resample NaN mm is out of range"},
		{[]string{"import-dicom", src, dst, "--resample", "1e308"}, "--resample 1e+308 mm is out of range"},
	} {
		expect(t, run(t, nil, c.args...), 2, c.want)
	}
	if _, err := os.Stat(dst); !os.IsNotExist(err) {
		t.Errorf("a refused import made %s", dst)
	}
}

// snapshot returns every file under dir with its bytes.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			b, _ := os.ReadFile(p)
			m[p] = b
		}
		return nil
	})
	return m
}

func sameFiles(t *testing.T, what string, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d files, then %d", what, len(a), len(b))
	}
	for p, v := range a {
		if !bytes.Equal(v, b[p]) {
			t.Errorf("%s: %s changed", what, p)
		}
	}
}

// TestNothingOverwritten: demo refuses a folder that holds a data set;
// import-dicom refuses an annotated case, and with --replace keeps the
// replaced files in the case history and updates the CSV row.
func TestNothingOverwritten(t *testing.T) {
	set := t.TempDir()
	expect(t, run(t, nil, "demo", set, "--cases", "2"), 0)
	before := snapshot(t, set)
	expect(t, run(t, nil, "demo", set, "--cases", "2"), 2, "is not empty", "choose a new or empty folder")
	sameFiles(t, "demo over a data set", before, snapshot(t, set))

	src := t.TempDir()
	goodSeries(t, src)
	c := filepath.Join(set, "case_001")
	expect(t, run(t, nil, "import-dicom", src, c), 2,
		"the case already has files an import would replace (image.nii.gz, body-regions.nii.gz, body-parts.nii.gz); nothing was written",
		"add --replace")
	sameFiles(t, "import over a case", before, snapshot(t, set))

	expect(t, run(t, nil, "import-dicom", src, c, "--replace"), 0)
	kept, _ := filepath.Glob(filepath.Join(c, ".saros-review", "history", "*", "body-regions.nii.gz"))
	if len(kept) != 1 || !bytes.Equal(mustRead(t, kept[0]), before[filepath.Join(c, "body-regions.nii.gz")]) {
		t.Errorf("the replaced regions map is not in the history: %v", kept)
	}
	csv := string(mustRead(t, filepath.Join(set, "Segmentation Info.csv")))
	if !strings.Contains(csv, "case_001,") || !strings.Contains(csv, "1.2.3.4.99") {
		t.Errorf("CSV row not updated:\n%s", csv)
	}
	if left, _ := filepath.Glob(filepath.Join(set, ".*.tmp-*")); len(left) > 0 {
		t.Errorf("temporary entries left: %v", left)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRulesAndCases: a rules file with a byte-order mark works; one with
// a line too long or an absurd number names the line; a case without
// label maps cannot be checked, naming what is missing.
func TestRulesAndCases(t *testing.T) {
	set := t.TempDir()
	expect(t, run(t, nil, "demo", set, "--cases", "1"), 0)
	rules := filepath.Join(set, "qc-rules.conf")
	write(t, set, "qc-rules.conf", []byte("\ufeffoff stride\n"))
	r := run(t, nil, "qc", set)
	if r.code == 2 {
		t.Errorf("rules with a byte-order mark refused: %s", r.stderr)
	}
	expect(t, r, r.code)
	write(t, set, "qc-rules.conf", []byte("off stride\n#"+strings.Repeat("x", 100000)+"\n"))
	expect(t, run(t, nil, "qc", set), 2, rules+" line 2: longer than 64 KiB")
	write(t, set, "qc-rules.conf", []byte("set continuity.strides 9223372036854775807\n"))
	expect(t, run(t, nil, "qc", set), 2, rules+` line 1: value "9223372036854775807" of continuity.strides is not a number from 0 to 1000`)
	os.Remove(rules)
	os.Remove(filepath.Join(set, "case_000", "body-regions.nii.gz"))
	os.Remove(filepath.Join(set, "case_000", "body-parts.nii.gz"))
	r = run(t, nil, "qc", filepath.Join(set, "case_000"))
	expect(t, r, 2, "could not check case_000: no label maps (body-regions.nii.gz is missing; body-parts.nii.gz is missing): nothing to check")
	if strings.Contains(r.stdout, "null") {
		t.Errorf("findings null: %s", r.stdout)
	}
}
