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

// Finding is one kind of problem with one label on one slice (the fields
// of qc-rules.md): a group of the components that show it, one speck or
// forty, one mismatch patch or 183. I, J, BBox and AreaMM2 describe the
// largest component; Components lists them all, largest first.
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
	// Count is how many components the group holds (0 for a finding
	// about the whole case).
	Count int `json:"count"`
	// TotalAreaMM2 is the area of all the components.
	TotalAreaMM2 float64     `json:"total_area_mm2"`
	Components   []Component `json:"components"`
}

// Component is one connected component (or one patch) of a finding: a
// voxel inside it, its box on the slice and its area.
type Component struct {
	I       int     `json:"i"`
	J       int     `json:"j"`
	BBox    [4]int  `json:"bbox"`
	AreaMM2 float64 `json:"area_mm2"`
}

// Key is what a finding groups by: one finding per slice, rule, map and
// label.
type Key struct {
	Slice int
	Rule  string
	Map   string
	Label int
}

// Key returns the finding's group key.
func (f *Finding) Key() Key { return Key{f.Slice, f.Rule, f.Map, f.Label} }

// Sort orders findings by severity (errors first), then impact (whole-case
// findings first, then larger total area, then more components), then
// slice, with rule, map, label and position breaking ties so the order
// never depends on map iteration.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(a, b int) bool { return less(&fs[a], &fs[b]) })
}

func less(x, y *Finding) bool {
	if x.Severity != y.Severity {
		return x.Severity < y.Severity
	}
	if (x.Slice < 0) != (y.Slice < 0) {
		return x.Slice < 0
	}
	if x.TotalAreaMM2 != y.TotalAreaMM2 {
		return x.TotalAreaMM2 > y.TotalAreaMM2
	}
	if x.Count != y.Count {
		return x.Count > y.Count
	}
	if x.Slice != y.Slice {
		return x.Slice < y.Slice
	}
	if x.Rule != y.Rule {
		return x.Rule < y.Rule
	}
	if x.Map != y.Map {
		return x.Map < y.Map
	}
	if x.Label != y.Label {
		return x.Label < y.Label
	}
	if x.J != y.J {
		return x.J < y.J
	}
	return x.I < y.I
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
