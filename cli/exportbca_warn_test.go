package cli

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/nifti"
)

// TestExportBCAWarns: a partly annotated slice, an extra annotated slice
// off the stride and a value that is no label are warned on stderr and
// listed in the JSON's saros_review.warnings; a clean demo case has none.
func TestExportBCAWarns(t *testing.T) {
	demo := t.TempDir()
	if code, _, errs := run("demo", demo, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(demo, "case_000")
	out := t.TempDir()
	code, _, errs := run("export-bca", c, out)
	if code != 0 || strings.Contains(errs, "warning") {
		t.Fatalf("clean case: %d %s", code, errs)
	}
	p := filepath.Join(c, store.RegionsFile)
	reg, h, err := nifti.LoadLabels(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	ks := reg.AnnotatedSlices()
	sl := reg.Axial(ks[0] + 1) // a slice that was not annotated: half of it labelled 0
	clear(sl[:len(sl)/2])
	reg.Axial(ks[1])[0] = 200
	if err := store.WriteFileAtomic(p, func(w io.Writer) error { return nifti.WriteLabels(w, reg, h) }); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run("export-bca", c, out, "--force")
	if code != 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{"not evenly spaced", "partly annotated slices", "200 (1 voxels)"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q: %s", want, errs)
		}
	}
	var got struct {
		SarosReview struct {
			Warnings []string `json:"warnings"`
		} `json:"saros_review"`
	}
	b, _ := os.ReadFile(filepath.Join(out, BCAJSONFile))
	if err := json.Unmarshal(b, &got); err != nil || len(got.SarosReview.Warnings) != 3 {
		t.Errorf("JSON warnings %q %v", got.SarosReview.Warnings, err)
	}
}
