package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/realct"
)

// realCase writes the real head CT with its injected defects as a case
// folder (fails when invesalius-examples is missing).
func realCase(t testing.TB) string {
	im, r, p, _, err := realct.Defective()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "case_000")
	if err := realct.WriteCase(dir, im, r, p); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestQCReadsOnlyWhatRulesNeed: with hu-range off, qc reads the image's
// header alone — a case whose image voxels are cut off is still checked,
// with the same findings but hu-range; with hu-range on, the same case is
// an error naming the image.
func TestQCReadsOnlyWhatRulesNeed(t *testing.T) {
	dir := realCase(t)
	rules := filepath.Join(t.TempDir(), "rules.conf")
	os.WriteFile(rules, []byte("off hu-range\n"), 0o644)
	code, full, errs := run("qc", dir, "--format", "csv")
	if code != 1 || !strings.Contains(full, "hu-range") {
		t.Fatalf("exit %d, %s\n%s", code, errs, full)
	}
	img := filepath.Join(dir, "image.nii.gz")
	b, _ := os.ReadFile(img)
	os.WriteFile(img, b[:64<<10], 0o644) // the header and a little of the voxels
	code, out, errs := run("qc", dir, "--format", "csv", "--rules", rules)
	if code != 1 || errs != "" {
		t.Fatalf("header-only qc: exit %d, %s", code, errs)
	}
	var want []string
	for _, l := range strings.Split(full, "\n") {
		if !strings.Contains(l, ",hu-range,") {
			want = append(want, l)
		}
	}
	// Group ids shift by the missing hu-range finding (it sorts first
	// among the info findings), so compare rows without them.
	strip := func(rows []string) string {
		var out []string
		for _, l := range rows {
			if f := strings.SplitN(l, ",", 3); len(f) == 3 {
				out = append(out, f[0]+","+f[2])
			}
		}
		return strings.Join(out, "\n")
	}
	if strip(want) != strip(strings.Split(out, "\n")) {
		t.Errorf("header-only findings differ:\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}
	code, _, errs = run("qc", dir)
	if code != 2 || !strings.Contains(errs, "image.nii.gz") {
		t.Errorf("with hu-range on a cut image: exit %d, %q", code, errs)
	}
}
