package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume/nifti"
)

// TestExportBCAValidatesL3AndHeight: a height that is not finite or not
// 0.5 to 2.5 m, an --l3 outside the case's slices, and a PatientSize in
// centimetres are refused with messages naming the value and its source;
// nothing is written.
func TestExportBCAValidatesL3AndHeight(t *testing.T) {
	demo := t.TempDir()
	if code, _, errs := run("demo", demo, "--cases", "1"); code != 0 {
		t.Fatal(errs)
	}
	c := filepath.Join(demo, "case_000")
	reg, _, err := nifti.LoadLabels(filepath.Join(c, store.RegionsFile), nil)
	if err != nil {
		t.Fatal(err)
	}
	k := strconv.Itoa(reg.AnnotatedSlices()[1])
	nz := reg.Dims[2]
	out := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--l3", k, "--height", "0"}, "--height 0"},
		{[]string{"--l3", k, "--height", "-1"}, "--height -1"},
		{[]string{"--l3", k, "--height", "NaN"}, "--height NaN"},
		{[]string{"--l3", k, "--height", "175"}, "metres"},
		{[]string{"--l3", "-1"}, "--l3 -1"},
		{[]string{"--l3", "-7", "--height", "1.7"}, "--l3 -7"},
		{[]string{"--l3", strconv.Itoa(nz)}, "0 to " + strconv.Itoa(nz-1)},
	} {
		code, _, errs := run(append([]string{"export-bca", c, out}, tc.args...)...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, %q (want %q)", tc.args, code, errs, tc.want)
		}
	}
	if e, _ := os.ReadDir(out); len(e) != 0 {
		t.Errorf("refused exports wrote %d files", len(e))
	}
	// PatientSize in cm in the case's header.
	tags := `[{"tag":"(0010,1020)","name":"PatientSize","vr":"DS","value":"175"}]`
	if err := os.WriteFile(filepath.Join(c, store.DICOMTagsFile), []byte(tags), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run("export-bca", c, out, "--l3", k)
	if code != 2 || !strings.Contains(errs, "PatientSize 175 in dicom-tags.json is not a height in metres") {
		t.Errorf("PatientSize 175: exit %d, %s", code, errs)
	}
	// A typed height overrides it.
	if code, _, errs := run("export-bca", c, out, "--l3", k, "--height", "1.75"); code != 0 {
		t.Errorf("with --height: %s", errs)
	}
}
