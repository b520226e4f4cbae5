// Package qc checks SAROS label maps: the structural and anatomical rules
// a QC team applied by hand and with scripts, as findings that point at a
// slice and a voxel. It reads annotated slices only and never imports a
// GUI toolkit.
package qc

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Severity grades a finding.
type Severity int

// The severities, most serious first.
const (
	Error Severity = iota
	Warning
	Info
)

var severityNames = [...]string{"error", "warning", "info"}

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if n == s {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("severity %q is not error, warning or info", s)
}

// MarshalJSON writes the severity's name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity's name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var n string
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	v, err := ParseSeverity(n)
	*s = v
	return err
}

// Finding is one problem at one place (the fields of qc-rules.md).
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Map      string   `json:"map"`   // regions, parts, both or image
	Slice    int      `json:"slice"` // axial slice k, −1 for the whole case
	Label    int      `json:"label"` // label concerned, −1 for none
	I        int      `json:"i"`     // a voxel inside the component, −1 for none
	J        int      `json:"j"`
	BBox     *[4]int  `json:"bbox"` // i0, j0, i1, j1 on the slice
	AreaMM2  float64  `json:"area_mm2"`
	Message  string   `json:"message"`
}

// Sort orders findings stably by slice, then rule, then label (then
// position, so the order never depends on map iteration).
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(a, b int) bool {
		x, y := fs[a], fs[b]
		if x.Slice != y.Slice {
			return x.Slice < y.Slice
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		if x.Label != y.Label {
			return x.Label < y.Label
		}
		if x.Map != y.Map {
			return x.Map < y.Map
		}
		if x.J != y.J {
			return x.J < y.J
		}
		return x.I < y.I
	})
}

// Count returns how many findings have each severity.
func Count(fs []Finding) (errors, warnings, infos int) {
	for _, f := range fs {
		switch f.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		default:
			infos++
		}
	}
	return
}
