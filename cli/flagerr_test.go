package cli

import (
	"strings"
	"testing"
)

// TestExportFlagValuesNamed: a bad flag value of the export and import
// commands is named in the message, not only answered by the usage.
// (Before, export-nnunet, export-seg and import-seg printed the usage alone.)
func TestExportFlagValuesNamed(t *testing.T) {
	d := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export-nnunet", d, d + "/o", "--mode", "4d"}, `--mode "4d": want 3d, 2d`},
		{[]string{"export-nnunet", d, d + "/o", "--map", "organs"}, `--map "organs": want regions, parts`},
		{[]string{"export-nnunet", d, d + "/o", "--jobs", "many"}, `invalid value "many" for flag -jobs`},
		{[]string{"export-nnunet", d}, "missing OUT"},
		{[]string{"export-seg", d, d + "/o", "--map", "organs"}, `--map "organs": want regions, parts, both`},
		{[]string{"import-seg", d, d, "--bogus"}, "-bogus"},
		{[]string{"export-bca", d, d + "/o", "--definitions", "x"}, `"x"`},
		{[]string{"export-bca", d, d + "/o", "--height", "tall"}, `invalid value "tall" for flag -height`},
		{[]string{"export-bca", d, d + "/o", "--l3", "3", "--vertebrae", "v.json"}, "not both"},
	} {
		code, _, errs := run(c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q (want %q)", c.args, code, errs, c.want)
		}
	}
}
