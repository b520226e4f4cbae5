package qc

import "testing"

// TestGroupTitle: the one-line summaries of the case-level view.
func TestGroupTitle(t *testing.T) {
	fs := []Finding{
		{Rule: RuleIsland, Severity: Warning, Map: "regions", Slice: 5, Label: 1, Count: 1500, TotalAreaMM2: 10},
		{Rule: RuleIsland, Severity: Warning, Map: "regions", Slice: 10, Label: 1, Count: 1317, TotalAreaMM2: 5},
		{Rule: RuleHURange, Severity: Info, Map: "image", Slice: -1, Label: -1},
		{Rule: RuleComponents, Severity: Warning, Map: "parts", Slice: 20, Label: 2, Count: 4, TotalAreaMM2: 900},
		{Rule: RuleForegroundMismatch, Severity: Error, Map: "both", Slice: 3, Label: -1, Count: 1, TotalAreaMM2: 1},
	}
	gs := Groups(fs)
	want := []string{
		"foreground-mismatch · 1 slice · 1 component",
		"components · head · 1 slice · 4 components",
		"island · subcutaneous tissue · 2 slices · 2,817 components",
		"hu-range · whole case",
	}
	if len(gs) != len(want) {
		t.Fatalf("%d groups", len(gs))
	}
	for i, g := range gs {
		if g.Title() != want[i] {
			t.Errorf("group %d: %q, want %q", i, g.Title(), want[i])
		}
	}
	if gs[2].TotalAreaMM2 != 15 || len(gs[2].Findings) != 2 || gs[2].Findings[1] != 1 {
		t.Errorf("island group %+v", gs[2])
	}
	for n, s := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4321: "-4,321"} {
		if thousands(n) != s {
			t.Errorf("thousands(%d) = %q", n, thousands(n))
		}
	}
}
