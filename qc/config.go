package qc

import "github.com/saros-review/saros-review/labels"

// Rule ids.
const (
	RuleGeometry           = "geometry"
	RuleLabelValue         = "label-value"
	RuleMixedSlice         = "mixed-slice"
	RuleIgnoreMismatch     = "ignore-mismatch"
	RuleForegroundMismatch = "foreground-mismatch"
	RuleComponents         = "components"
	RuleIsland             = "island"
	RuleEnclosed           = "enclosed"
	RuleExpectedPresent    = "expected-present"
	RuleContinuity         = "continuity"
	RuleContext            = "context"
	RuleLaterality         = "laterality"
	RuleStride             = "stride"
	RuleHURange            = "hu-range"
)

// Rules lists every rule with its default severity.
var Rules = []struct {
	ID       string
	Severity Severity
}{
	{RuleGeometry, Error}, {RuleLabelValue, Error}, {RuleMixedSlice, Error},
	{RuleIgnoreMismatch, Error}, {RuleForegroundMismatch, Error},
	{RuleComponents, Warning}, {RuleIsland, Warning}, {RuleEnclosed, Warning},
	{RuleExpectedPresent, Warning}, {RuleContinuity, Warning}, {RuleContext, Warning},
	{RuleLaterality, Warning},
	{RuleStride, Info}, {RuleHURange, Info},
}

// Pair is a forbidden neighbourhood: a component of label Inside whose
// whole ring is label Around.
type Pair struct{ Inside, Around uint8 }

// Config is what the rules check, with the defaults of qc-rules.md;
// a rules file changes it.
type Config struct {
	Enabled  map[string]bool
	Severity map[string]Severity
	// MaxComponents per map (0 regions, 1 parts) and label; absent means
	// unlimited.
	MaxComponents [2]map[uint8]int
	// ComponentsMinArea: components smaller than this (mm²) are not
	// counted by the components rule.
	ComponentsMinArea float64
	// IslandMaxArea and IslandRatio: a component below IslandMaxArea whose
	// label's largest component on the slice is IslandRatio times bigger.
	IslandMaxArea float64
	IslandRatio   float64
	// Forbidden region pairs for the enclosed rule; background inside
	// anything is always checked while the rule is on.
	Forbidden map[Pair]bool
	// Continuity: region and part labels that must not vanish between two
	// annotated slices, each within ContinuityStrides strides.
	ContinuityRegions map[uint8]bool
	ContinuityStrides float64
}

// DefaultConfig returns the built-in rules. The reason for each default
// (measured on the real head CT fixture of internal/realct) is in
// docs/qc-rules.md.
func DefaultConfig() *Config {
	c := &Config{Enabled: map[string]bool{}, Severity: map[string]Severity{},
		ComponentsMinArea: 20, IslandMaxArea: 5, IslandRatio: 20, ContinuityStrides: 2}
	for _, r := range Rules {
		c.Enabled[r.ID] = true
		c.Severity[r.ID] = r.Severity
	}
	c.MaxComponents[0] = map[uint8]int{
		labels.RegionAbdominalCavity: 1, labels.RegionThoracicCavity: 2, labels.RegionPericardium: 1,
		labels.RegionMediastinum: 1, labels.RegionSpinalCord: 1, labels.RegionBrain: 4,
		labels.RegionThyroidGlands: 2, labels.RegionParotidGlands: 2, labels.RegionSubmandibularGlands: 2,
		labels.RegionBreastImplant: 2,
	}
	c.MaxComponents[1] = map[uint8]int{
		labels.PartTorso: 1, labels.PartHead: 3, labels.PartRightLeg: 1, labels.PartLeftLeg: 1,
		labels.PartRightArm: 1, labels.PartLeftArm: 1,
	}
	c.Forbidden = map[Pair]bool{}
	for _, around := range []uint8{labels.RegionAbdominalCavity, labels.RegionThoracicCavity, labels.RegionMediastinum, labels.RegionBrain} {
		c.Forbidden[Pair{labels.RegionBones, around}] = true
	}
	for _, around := range cavities {
		c.Forbidden[Pair{labels.RegionSubcutaneousTissue, around}] = true
	}
	c.Forbidden[Pair{labels.RegionMuscle, labels.RegionAbdominalCavity}] = true
	c.Forbidden[Pair{labels.RegionMuscle, labels.RegionThoracicCavity}] = true
	c.ContinuityRegions = map[uint8]bool{
		labels.RegionAbdominalCavity: true, labels.RegionThoracicCavity: true, labels.RegionMediastinum: true,
		labels.RegionSpinalCord: true, labels.RegionBrain: true,
	}
	return c
}

// cavities are the body cavities (for "subcutaneous tissue inside any
// cavity" and "any cavity inside a leg or an arm").
var cavities = []uint8{labels.RegionAbdominalCavity, labels.RegionThoracicCavity, labels.RegionMediastinum, labels.RegionPericardium}

func (c *Config) on(rule string) bool { return c.Enabled[rule] }
