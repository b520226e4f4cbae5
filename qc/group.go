package qc

import (
	"fmt"
	"sort"

	"github.com/saros-review/saros-review/labels"
)

// Group is the findings of one rule, map and label across a case: the
// top level of a QC list ("island · subcutaneous tissue · 22 slices ·
// 2,817 specks"), expanding into its findings (one per slice) and then
// their components.
type Group struct {
	Rule     string
	Severity Severity // the worst of its findings
	Map      string
	Label    int
	Slices   int // slices it has findings on (0: about the whole case)
	Count    int // components in all
	// TotalAreaMM2 is the area of all the components.
	TotalAreaMM2 float64
	// Findings are indices into the list given to Groups, in its order.
	Findings []int
}

// Groups gathers findings by rule, map and label, ordered as Sort orders
// findings (severity, then impact, then the first slice).
func Groups(fs []Finding) []Group {
	type key struct {
		rule, m string
		label   int
	}
	at := map[key]int{}
	var out []Group
	for n := range fs {
		f := &fs[n]
		k := key{f.Rule, f.Map, f.Label}
		x, ok := at[k]
		if !ok {
			x = len(out)
			at[k] = x
			out = append(out, Group{Rule: f.Rule, Severity: f.Severity, Map: f.Map, Label: f.Label})
		}
		g := &out[x]
		g.Severity = min(g.Severity, f.Severity)
		if f.Slice >= 0 {
			g.Slices++
		}
		g.Count += f.Count
		g.TotalAreaMM2 = round2(g.TotalAreaMM2 + f.TotalAreaMM2)
		g.Findings = append(g.Findings, n)
	}
	sort.SliceStable(out, func(a, b int) bool {
		x, y := &out[a], &out[b]
		if x.Severity != y.Severity {
			return x.Severity < y.Severity
		}
		if (x.Slices == 0) != (y.Slices == 0) {
			return x.Slices == 0 // whole-case groups first, as Sort
		}
		if x.TotalAreaMM2 != y.TotalAreaMM2 {
			return x.TotalAreaMM2 > y.TotalAreaMM2
		}
		if x.Count != y.Count {
			return x.Count > y.Count
		}
		return x.Findings[0] < y.Findings[0]
	})
	return out
}

// LabelName names the group's label in its map ("subcutaneous tissue"),
// "" when the group has no label.
func (g *Group) LabelName() string {
	if g.Label < 0 || g.Label > 255 {
		return ""
	}
	t := labels.Regions
	if g.Map == "parts" {
		t = labels.Parts
	}
	if n := t.Name(uint8(g.Label)); n != "" {
		return n
	}
	return fmt.Sprintf("label %d", g.Label)
}

// Title is the group's one-line summary:
// "island · subcutaneous tissue · 22 slices · 2,817 components".
func (g *Group) Title() string {
	s := g.Rule
	if n := g.LabelName(); n != "" {
		s += " · " + n
	}
	switch g.Slices {
	case 0:
		s += " · whole case"
	case 1:
		s += " · 1 slice"
	default:
		s += fmt.Sprintf(" · %s slices", thousands(g.Slices))
	}
	if g.Count > 0 {
		s += " · " + thousands(g.Count)
		if g.Count == 1 {
			s += " component"
		} else {
			s += " components"
		}
	}
	return s
}

// thousands writes n with commas: 2,817.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
