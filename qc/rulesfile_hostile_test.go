package qc

import (
	"strings"
	"testing"
)

// TestRulesFileBOMAndBounds: a byte-order mark (as Windows editors save)
// is accepted; a line too long, or an absurd number, is an error naming
// the line.
func TestRulesFileBOMAndBounds(t *testing.T) {
	cfg, err := ParseRules(strings.NewReader("\ufeffoff stride\n"), "qc-rules.conf", DefaultConfig())
	if err != nil || cfg.Enabled[RuleStride] {
		t.Fatalf("BOM: %v", err)
	}
	for text, want := range map[string]string{
		"on island\n# " + strings.Repeat("x", 70000) + "\n": "qc-rules.conf line 2: longer than 64 KiB",
		"set continuity.strides 9223372036854775807\n":      `qc-rules.conf line 1: value "9223372036854775807" of continuity.strides is not a number from 0 to 1000`,
		"set island.ratio 1e308\n":                          "is not a number from 0 to 1e+06",
		`max regions "bones" 9223372036854775807` + "\n":    "not a whole number from 1 to 1000000",
		"set nosuch.param 3\n":                              `unknown parameter "nosuch.param"`,
		"on island\n\ufeffoff stride\n":                     "line 2: unknown statement",
	} {
		_, err := ParseRules(strings.NewReader(text), "qc-rules.conf", DefaultConfig())
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%.40q: %v, want %q", text, err, want)
		}
	}
}
