package qc_test

import (
	"testing"

	"github.com/saros-review/saros-review/internal/realct"
	"github.com/saros-review/saros-review/qc"
)

// TestRealClean: on the clean real-CT fixture (a machine-like proposal on
// the invesalius head CT) the top level fits on one screen, nothing is an
// error, and no two findings share a slice, rule, map and label.
func TestRealClean(t *testing.T) {
	im, r, p, err := realct.Clean()
	if err != nil {
		t.Fatal(err)
	}
	fs := qc.Check(&qc.Input{Image: im, Regions: r, Parts: p}, nil)
	gs := qc.Groups(fs)
	for _, g := range gs {
		t.Logf("%-8s %s (%.1f mm²)", g.Severity, g.Title(), g.TotalAreaMM2)
	}
	if len(gs) > 25 {
		t.Errorf("%d top-level rows, want at most 25", len(gs))
	}
	if e, _, _ := qc.Count(fs); e > 0 {
		t.Errorf("%d errors on the clean fixture", e)
	}
	// The proposal has specks, as a model's has: the grouping, not a lack
	// of findings, keeps the list short.
	specks := 0
	for _, g := range gs {
		if g.Rule == qc.RuleIsland {
			specks += g.Count
		}
	}
	if specks < 100 {
		t.Errorf("only %d specks on the clean fixture", specks)
	}
	seen := map[qc.Key]bool{}
	for _, f := range fs {
		if seen[f.Key()] {
			t.Errorf("two findings for %+v", f.Key())
		}
		seen[f.Key()] = true
		checkFinding(t, f)
	}
}

// checkFinding: a finding's numbers agree with its components, and a
// finding on a slice has a location inside the slice.
func checkFinding(t *testing.T, f qc.Finding) {
	t.Helper()
	if f.Count != len(f.Components) {
		t.Errorf("%s slice %d: count %d but %d components", f.Rule, f.Slice, f.Count, len(f.Components))
	}
	if f.Slice < 0 {
		return
	}
	if f.I < 0 || f.J < 0 || f.BBox == nil || f.Count == 0 {
		t.Errorf("%s slice %d has no location: %+v", f.Rule, f.Slice, f)
		return
	}
	sum := 0.0
	for _, c := range f.Components {
		b := c.BBox
		if c.I < b[0] || c.I > b[2] || c.J < b[1] || c.J > b[3] {
			t.Errorf("%s slice %d: voxel (%d, %d) outside its box %v", f.Rule, f.Slice, c.I, c.J, b)
		}
		sum += c.AreaMM2
	}
	if d := sum - f.TotalAreaMM2; d > 0.01*float64(f.Count)+0.01 || -d > 0.01*float64(f.Count)+0.01 {
		t.Errorf("%s slice %d: total area %.2f, components sum to %.2f", f.Rule, f.Slice, f.TotalAreaMM2, sum)
	}
}

// TestRealDefects: every injected defect is a finding of its rule at its
// slice, and errors come before warnings, warnings before info.
func TestRealDefects(t *testing.T) {
	im, r, p, ds, err := realct.Defective()
	if err != nil {
		t.Fatal(err)
	}
	// geometry is a header property: the parts header 2 mm off the image.
	shifted := im.Grid
	shifted.Affine[0][3] += 2
	ds = append(ds, realct.Defect{Rule: qc.RuleGeometry, Slice: -1, Map: "parts", Label: -1, What: "parts origin 2 mm off"})
	fs := qc.Check(&qc.Input{Image: im, Regions: r, Parts: p, PartsGrid: &shifted}, nil)
	for _, d := range ds {
		found := false
		for _, f := range fs {
			if f.Rule == d.Rule && f.Slice == d.Slice {
				found = true
				checkFinding(t, f)
			}
		}
		if !found {
			t.Errorf("%s on slice %d (%s) not found", d.Rule, d.Slice, d.What)
		}
	}
	seen := map[qc.Key]bool{}
	for _, f := range fs {
		if seen[f.Key()] {
			t.Errorf("two findings for %+v", f.Key())
		}
		seen[f.Key()] = true
	}
	for n := 1; n < len(fs); n++ {
		if fs[n].Severity < fs[n-1].Severity {
			t.Fatalf("finding %d (%s %s) after a %s", n, fs[n].Severity, fs[n].Rule, fs[n-1].Severity)
		}
	}
	var fm *qc.Finding
	for n := range fs {
		if fs[n].Rule == qc.RuleForegroundMismatch && fs[n].Slice == 20 {
			fm = &fs[n]
		}
	}
	if fm == nil || fm.Count != 2 {
		t.Fatalf("foreground-mismatch on slice 20: %+v, want one finding of 2 patches", fm)
	}
	if e, _, _ := qc.Count(fs); e == 0 || fs[0].Severity != qc.Error {
		t.Errorf("the defective fixture's first finding is %v", fs[0].Severity)
	}
}

// TestGroups: the case-level rows of the defect fixture add up to its
// findings, one row per rule, map and label, errors first.
func TestGroups(t *testing.T) {
	im, r, p, _, err := realct.Defective()
	if err != nil {
		t.Fatal(err)
	}
	fs := qc.Check(&qc.Input{Image: im, Regions: r, Parts: p}, nil)
	gs := qc.Groups(fs)
	n, comps := 0, 0
	for x, g := range gs {
		n += len(g.Findings)
		for _, i := range g.Findings {
			f := fs[i]
			if f.Rule != g.Rule || f.Map != g.Map || f.Label != g.Label {
				t.Errorf("group %q holds %s %s %d", g.Title(), f.Rule, f.Map, f.Label)
			}
			comps += f.Count
		}
		if x > 0 && g.Severity < gs[x-1].Severity {
			t.Errorf("%q after a %s group", g.Title(), gs[x-1].Severity)
		}
	}
	total := 0
	for _, f := range fs {
		total += f.Count
	}
	if n != len(fs) || comps != total {
		t.Errorf("groups hold %d findings and %d components of %d and %d", n, comps, len(fs), total)
	}
	if gs[0].Severity != qc.Error || len(gs) > 25 {
		t.Errorf("%d groups, first %s", len(gs), gs[0].Severity)
	}
}
