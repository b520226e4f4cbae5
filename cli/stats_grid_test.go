package cli

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// TestStatsStrayStroke: a stroke on a not-annotated slice of a demo case
// (the slice becomes partly labelled) leaves `stats`' stride and
// whole-scan estimate as they were, and the output says the grid is
// irregular and why, in JSON and in a data set's CSV.
func TestStatsStrayStroke(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := run("demo", dir, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(dir, "case_000")
	type report struct {
		Stride   int                `json:"stride"`
		Regular  bool               `json:"regular_grid"`
		Warnings []string           `json:"warnings"`
		Estimate map[string]float64 `json:"whole_scan_estimate_ml"`
	}
	stats := func() report {
		code, out, errs := run("stats", c)
		var r report
		if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil {
			t.Fatalf("exit %d %v: %s", code, err, errs)
		}
		return r
	}
	before := stats()
	if before.Stride != 5 || !before.Regular || len(before.Warnings) != 0 {
		t.Fatalf("clean demo case: %+v", before)
	}
	path := filepath.Join(c, store.RegionsFile)
	reg, _, err := nifti.LoadLabels(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	k := reg.AnnotatedSlices()[8] + 1
	if reg.SliceState(k) != volume.Ignored {
		t.Fatalf("slice %d is annotated", k)
	}
	for i := 100; i < 130; i++ {
		reg.Set(i, 128, k, 2)
	}
	if err := store.WriteFileAtomic(path, func(w io.Writer) error { return nifti.WriteLabels(w, reg, nil) }); err != nil {
		t.Fatal(err)
	}
	after := stats()
	if after.Stride != 5 || after.Regular || len(after.Warnings) != 1 || !strings.Contains(after.Warnings[0], "partially labelled slices") {
		t.Errorf("after a stray stroke on slice %d: %+v", k, after)
	}
	for key, v := range before.Estimate {
		if after.Estimate[key] != v {
			t.Errorf("%s estimate %.3f, was %.3f", key, after.Estimate[key], v)
		}
	}
	_, out, _ := run("stats", dir, "--format", "csv")
	if !strings.Contains(out, ",warnings,error") || !strings.Contains(out, "partially labelled slices") {
		t.Errorf("data set CSV:\n%.600s", out)
	}
}
