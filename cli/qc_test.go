package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var (
	qcOnce sync.Once
	qcDir  string
)

// qcSet writes a 3-case demo data set once and returns a fresh copy.
func qcSet(t testing.TB) string {
	qcOnce.Do(func() {
		qcDir, _ = os.MkdirTemp("", "saros-qc-")
		if code, _, errs := run("demo", qcDir, "--cases", "3"); code != 0 {
			panic(errs)
		}
	})
	dst := t.TempDir()
	filepath.Walk(qcDir, func(p string, fi os.FileInfo, err error) error {
		rel, _ := filepath.Rel(qcDir, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, _ := os.ReadFile(p)
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	return dst
}

type qcJSON struct {
	Cases []struct {
		ID       string `json:"id"`
		Error    string `json:"error"`
		Findings []struct {
			Rule     string   `json:"rule"`
			Severity string   `json:"severity"`
			Map      string   `json:"map"`
			Slice    int      `json:"slice"`
			Label    int      `json:"label"`
			I        int      `json:"i"`
			J        int      `json:"j"`
			BBox     *[4]int  `json:"bbox"`
			AreaMM2  *float64 `json:"area_mm2"`
			Message  string   `json:"message"`
		} `json:"findings"`
	} `json:"cases"`
}

// TestQCDataSet: JSON as the contract says, every demo defect found, exit
// 1 because of the foreground-mismatch errors.
func TestQCDataSet(t *testing.T) {
	dir := qcSet(t)
	code, out, errs := run("qc", dir, "--jobs", "2")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r qcJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "demo-defects.json"))
	var defects map[string][]struct {
		Kind  string `json:"kind"`
		Slice int    `json:"slice"`
	}
	json.Unmarshal(b, &defects)
	meant := map[string]string{"bone-speck": "enclosed", "foreground-mismatch": "foreground-mismatch", "missed-structure": "continuity", "mislabelled-arm": "laterality"}
	if len(r.Cases) != 3 {
		t.Fatalf("%d cases", len(r.Cases))
	}
	for _, c := range r.Cases {
		for _, d := range defects[c.ID] {
			found := false
			for _, f := range c.Findings {
				if f.Rule == meant[d.Kind] && f.Slice == d.Slice {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %s on slice %d not found", c.ID, d.Kind, d.Slice)
			}
		}
		f := c.Findings[0]
		if f.Severity != "warning" && f.Severity != "error" || f.Map == "" || f.AreaMM2 == nil || f.Message == "" {
			t.Errorf("finding %+v", f)
		}
	}
}

// TestQCFormatsAndExitCodes: text has a summary table, csv a header; a
// case that cannot be read exits 2 naming it while the others are still
// checked; a rules file in the data set folder is used; a bad one exits 2.
func TestQCFormatsAndExitCodes(t *testing.T) {
	dir := qcSet(t)
	code, out, _ := run("qc", filepath.Join(dir, "case_001"), "--format", "text")
	if code != 1 || !strings.Contains(out, "case      errors  warnings  info") || !strings.Contains(out, "total") {
		t.Errorf("text (exit %d):\n%s", code, out)
	}
	_, out, _ = run("qc", "--format", "csv", filepath.Join(dir, "case_002"))
	if !strings.HasPrefix(out, "id,group,rule,severity,map,slice,label,count,total_area_mm2,component,i,j,bbox,area_mm2,message\n") || strings.Count(out, "\n") < 4 {
		t.Errorf("csv:\n%s", out)
	}
	// One row per component: a group's rows number its components 1…count.
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	perGroup := map[string]int{}
	for _, row := range rows[1:] {
		perGroup[row[1]]++
		if n, _ := strconv.Atoi(row[9]); n != perGroup[row[1]] {
			t.Errorf("group %s: component %s in row %d of the group", row[1], row[9], perGroup[row[1]])
		}
	}
	for _, row := range rows[1:] {
		if c, _ := strconv.Atoi(row[7]); c != perGroup[row[1]] && c != 0 {
			t.Errorf("group %s: count %d but %d rows", row[1], c, perGroup[row[1]])
		}
	}
	// Rules file in the folder: switch the error rule off -> exit 0.
	os.WriteFile(filepath.Join(dir, "qc-rules.conf"), []byte("off foreground-mismatch\n"), 0o644)
	if code, _, errs := run("qc", dir); code != 0 {
		t.Errorf("with the rules file: exit %d %s", code, errs)
	}
	os.WriteFile(filepath.Join(dir, "qc-rules.conf"), []byte("off foregrond-mismatch\n"), 0o644)
	if code, _, errs := run("qc", dir); code != 2 || !strings.Contains(errs, "qc-rules.conf line 1: unknown rule") {
		t.Errorf("bad rules file: exit %d %s", code, errs)
	}
	os.Remove(filepath.Join(dir, "qc-rules.conf"))
	os.WriteFile(filepath.Join(dir, "case_000", "image.nii.gz"), []byte("broken"), 0o644)
	code, out, errs := run("qc", dir)
	var r qcJSON
	json.Unmarshal([]byte(out), &r)
	if code != 2 || !strings.Contains(errs, "could not check case_000") || r.Cases[0].Error == "" || len(r.Cases[1].Findings) == 0 {
		t.Errorf("broken case: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := run("qc", dir, "--format", "xml"); code != 2 {
		t.Errorf("bad format: exit %d", code)
	}
}

// TestReviewReport: a fresh data set reports every case as new, in JSON
// and CSV, without creating its SQLite store (reading writes nothing);
// after `qc` made the store, the cases come from it.
func TestReviewReport(t *testing.T) {
	t.Setenv("SAROS_REVIEW_DB", "")
	dir := qcSet(t)
	code, out, errs := run("review", dir)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	var r struct {
		Cases []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"cases"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Cases) != 3 || r.Cases[2].Status != "new" {
		t.Fatalf("%v: %s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, ".saros-review", "review.sqlite")); err == nil {
		t.Error("review created the SQLite store")
	}
	_, out, _ = run("review", "--format", "csv", dir)
	if !strings.HasPrefix(out, "id,status,annotator,reviewer,open_flags,qc_errors,second_reader,slices_annotated,slices_accepted,slices_needs_fix,slice_reviewer\ncase_000,new,,,0,0,,0,0,0,\n") {
		t.Errorf("csv:\n%s", out)
	}
	run("qc", dir)
	if _, err := os.Stat(filepath.Join(dir, ".saros-review", "review.sqlite")); err != nil {
		t.Errorf("qc made no store: %v", err)
	}
	if code, out, errs = run("review", "--format", "csv", dir); code != 0 || strings.Contains(errs, "no review store") ||
		!strings.HasPrefix(out, "id,status,annotator,reviewer,open_flags,qc_errors,second_reader,slices_annotated,slices_accepted,slices_needs_fix,slice_reviewer\ncase_000,new,") {
		t.Errorf("after qc: exit %d, stderr %q, csv:\n%s", code, errs, out)
	}
}
