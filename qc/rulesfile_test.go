package qc

import (
	"strings"
	"testing"

	"github.com/saros-review/saros-review/labels"
)

// exampleRules is the complete example of the README.
const exampleRules = `# SAROS Review QC rules for this data set
off stride                                   # irregular slices are fine here
severity island error
max regions "thoracic cavity" 3
max parts "left arm" unlimited
forbid "bones" in "pericardium"
allow "muscle" in "thoracic cavity"
continuity "thyroid glands"
set components.min_area_mm2 25
set island.max_area_mm2 4.5
set island.ratio 10
set continuity.strides 3
`

func TestRulesFileApplies(t *testing.T) {
	cfg, err := ParseRules(strings.NewReader(exampleRules), "qc-rules.conf", DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case cfg.Enabled[RuleStride]:
		t.Error("stride still on")
	case cfg.Severity[RuleIsland] != Error:
		t.Error("island severity")
	case cfg.MaxComponents[0][labels.RegionThoracicCavity] != 3:
		t.Error("max thoracic cavity")
	case cfg.MaxComponents[1][labels.PartLeftArm] != 0:
		t.Error("left arm still limited")
	case !cfg.Forbidden[Pair{labels.RegionBones, labels.RegionPericardium}] || cfg.Forbidden[Pair{labels.RegionMuscle, labels.RegionThoracicCavity}]:
		t.Error("pairs")
	case !cfg.ContinuityRegions[labels.RegionThyroidGlands]:
		t.Error("continuity")
	case cfg.ComponentsMinArea != 25 || cfg.IslandMaxArea != 4.5 || cfg.IslandRatio != 10 || cfg.ContinuityStrides != 3:
		t.Error("parameters")
	}
	// The changed config changes what Check reports.
	in := body(t)
	in.Regions.Set(16, 10, 0, 1)
	if len(findings(in, RuleIsland)) == 0 {
		t.Fatal("no island with the defaults")
	}
	for _, f := range Check(in, cfg) {
		if f.Rule == RuleIsland && f.Severity != Error {
			t.Errorf("island reported as %s", f.Severity)
		}
	}
}

// TestRulesFileMistakesNameTheLine: every kind of mistake is an error
// naming the file and the line.
func TestRulesFileMistakesNameTheLine(t *testing.T) {
	for in, want := range map[string]string{
		"# ok\noff strid\n":                   "r.conf line 2: unknown rule \"strid\"",
		"severity island fatal\n":             "line 1: severity \"fatal\"",
		"severity nope error\n":               "unknown rule \"nope\"",
		"\n\nmax regions \"liver\" 2\n":       "line 3: unknown regions label \"liver\"",
		"max parts \"torso\" 0\n":             "maximum \"0\"",
		"max hands \"torso\" 1\n":             "map \"hands\"",
		"max regions \"brain\"\n":             "takes the form",
		"forbid \"bones\" within \"brain\"\n": "takes the form",
		"forbid \"bone\" in \"brain\"\n":      "unknown regions label \"bone\"",
		"continuity \"left arm\"\n":           "unknown regions label \"left arm\"",
		"set island.ratio lots\n":             "value \"lots\"",
		"set island.size 3\n":                 "unknown parameter \"island.size\"",
		"enable island\n":                     "unknown statement \"enable\"",
		"forbid \"bones\n":                    "unclosed quote",
		"off\n":                               "takes the form: off RULE",
	} {
		_, err := ParseRules(strings.NewReader(in), "r.conf", DefaultConfig())
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "r.conf line") {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}

func FuzzParseRules(f *testing.F) {
	f.Add(exampleRules)
	f.Add("max regions \"brain\" 2 # x\nset island.ratio 1e9\n")
	f.Add("forbid \"")
	f.Fuzz(func(t *testing.T, s string) {
		ParseRules(strings.NewReader(s), "fuzz.conf", DefaultConfig())
	})
}
