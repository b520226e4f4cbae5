package app

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/saros-review/saros-review/internal/realct"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// realCase writes the clean real-CT fixture (a real head CT with
// model-like proposals, specks and all) as a case folder.
func realCase(t *testing.T) string {
	t.Helper()
	im, r, p, err := realct.Clean()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "head_000")
	if err := realct.WriteCase(dir, im, r, p); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestQCPanelRealCT: on the clean real-CT fixture the panel's top level
// fits on one screen with no error; a group expands into slices and then
// components; the keys step through findings and jump; the filters
// narrow; a group is accepted with one note, kept on disk.
func TestQCPanelRealCT(t *testing.T) {
	dir := realCase(t)
	c, shown := controller(t)
	c.OpenPath(dir)
	s := wait(t, shown)
	fs := waitQC(t, c)
	p := s.QC
	if len(fs) < 20 {
		t.Fatalf("only %d findings: the fixture lost its specks", len(fs))
	}
	if n := len(p.Groups()); n == 0 || n > 25 || p.Rows() != n {
		t.Fatalf("top level %d groups, %d rows (want 1..25, folded)", n, p.Rows())
	}
	t.Logf("%d findings in %d groups on the clean real-CT fixture", len(fs), len(p.Groups()))
	for _, g := range p.Groups() {
		if g.Severity == qc.Error {
			t.Errorf("error on the clean fixture: %s", g.Title())
		}
	}
	if len(p.Findings()) != len(fs) {
		t.Fatalf("panel holds %d findings of %d", len(p.Findings()), len(fs))
	}
	// The biggest group: island specks over many slices.
	var big qc.Group
	for _, g := range p.Groups() {
		if g.Rule == qc.RuleIsland && g.Count > big.Count {
			big = g
		}
	}
	if big.Slices < 2 || big.Count < 10 {
		t.Fatalf("no island group over slices: %+v", big)
	}

	// Keyboard: J selects the first finding of the first group (opening
	// it) and jumps there; I opens its components; J steps into them.
	first := p.Groups()[0]
	c.qcKey(key{r: 'j'})
	f, ok := p.Selected()
	if !ok || f.Slice != p.shown[first.Findings[0]].Slice || p.Rows() != len(p.Groups())+len(first.Findings) {
		t.Fatalf("J: selected %+v (%v), %d rows", f, ok, p.Rows())
	}
	if f.Slice >= 0 && s.Scene.Cursor()[2] != f.Slice {
		t.Errorf("J did not jump: cursor %v, finding on slice %d", s.Scene.Cursor(), f.Slice)
	}
	c.qcKey(key{r: 'k'}) // nothing above the first finding: stays
	if g, _ := p.Selected(); g.Slice != f.Slice || g.Rule != f.Rule {
		t.Errorf("K on the first finding moved to %+v", g)
	}
	// K with nothing selected starts from the end: the last group's last
	// finding.
	p.rebuild()
	c.qcKey(key{r: 'k'})
	lastG := p.Groups()[len(p.Groups())-1]
	if l, ok := p.Selected(); !ok || l.Slice != p.shown[lastG.Findings[len(lastG.Findings)-1]].Slice || l.Rule != lastG.Rule {
		t.Errorf("K from nothing selected: %+v (%v), want the last finding of %s", l, ok, lastG.Title())
	}
	// Filter to the island group's label, open it, walk into components.
	p.SetFilters("", qc.RuleIsland, big.Map, big.Label)
	if len(p.Groups()) != 1 || p.Groups()[0].Count != big.Count {
		t.Fatalf("filtered to %d groups: %+v", len(p.Groups()), p.Groups())
	}
	for _, f := range p.Findings() {
		if f.Rule != qc.RuleIsland || f.Label != big.Label || f.Map != big.Map {
			t.Fatalf("filter let through %+v", f)
		}
	}
	var multi int = -1
	for n, f := range p.Findings() {
		if len(f.Components) > 1 {
			multi = n
			break
		}
	}
	if multi < 0 {
		t.Fatal("no slice with several specks")
	}
	p.SelectFinding(multi)
	fm, _ := p.Selected()
	rows := p.Rows()
	c.qcKey(key{r: 'i'})
	if p.Rows() != rows+len(fm.Components) {
		t.Fatalf("I opened %d rows, want %d components", p.Rows()-rows, len(fm.Components))
	}
	c.qcKey(key{r: 'j'})
	comp, _ := p.Selected()
	want := fm.Components[0]
	if comp.I != want.I || comp.J != want.J || *comp.BBox != want.BBox {
		t.Errorf("J into the components selected %+v, want %+v", comp, want)
	}
	if cur := s.Scene.Cursor(); cur != [3]int{want.I, want.J, fm.Slice} || s.Scene.Box().I0 != want.BBox[0] {
		t.Errorf("jump to a component: cursor %v box %+v, want %+v on slice %d", cur, s.Scene.Box(), want, fm.Slice)
	}
	c.qcKey(key{r: 'j'})
	if c2, _ := p.Selected(); c2.I != fm.Components[1].I || c2.J != fm.Components[1].J {
		t.Errorf("second J: %+v, want component 2 %+v", c2, fm.Components[1])
	}

	// Severity filter: the fixture has no error, so Errors shows nothing.
	p.SetFilters("Errors", "", "", -1)
	if len(p.Groups()) != 0 {
		t.Errorf("errors filter shows %d groups", len(p.Groups()))
	}
	p.SetFilters("", "", "", -1)
	if len(p.Findings()) != len(fs) {
		t.Errorf("filters cleared: %d of %d findings", len(p.Findings()), len(fs))
	}
	// Counts per rule in the rule filter.
	found := false
	for _, o := range p.RuleOptions() {
		found = found || o == qc.RuleIsland+" ("+itoa(countRule(fs, qc.RuleIsland))+")"
	}
	if !found {
		t.Errorf("rule options %v lack the island count", p.RuleOptions())
	}

	// Accept the island group with one note (Y on its row asks for one).
	var asked []qc.Finding
	p.OnAcceptGroup = func(_ string, gs []qc.Finding) { asked = gs }
	for i := 0; i < p.Rows(); i++ {
		if r := p.rows[i]; r.level == levelGroup && p.groups[r.group].Rule == big.Rule && p.groups[r.group].Label == big.Label && p.groups[r.group].Map == big.Map {
			p.list.Select(i)
		}
	}
	c.qcKey(key{r: 'y'})
	if len(asked) != big.Slices {
		t.Fatalf("accept group asked for %d findings, want %d", len(asked), big.Slices)
	}
	c.acceptFindings(asked, "speckle of the model, cleaned later")
	settle(t, c)
	if len(p.Findings()) != len(fs)-len(asked) || len(p.Groups()) != len(qc.Groups(fs))-1 {
		t.Errorf("after accepting the group: %d findings, %d groups", len(p.Findings()), len(p.Groups()))
	}
	acc, err := (&store.Case{ID: "head_000", Dir: dir}).LoadAccepted()
	if err != nil || len(acc) != len(asked) {
		t.Fatalf("accepted on disk: %d (%v), want %d", len(acc), err, len(asked))
	}
	for _, f := range asked {
		if acc[Signature(f)] != "speckle of the model, cleaned later" {
			t.Errorf("finding on slice %d kept as %q", f.Slice, acc[Signature(f)])
		}
	}
}

func countRule(fs []qc.Finding, rule string) int {
	n := 0
	for _, f := range fs {
		if f.Rule == rule {
			n++
		}
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestQCMarksWorstWins: a slice with an error and a warning is marked
// red once, whatever order the findings come in.
func TestQCMarksWorstWins(t *testing.T) {
	for _, order := range [][2]qc.Severity{{qc.Warning, qc.Error}, {qc.Error, qc.Warning}} {
		p := NewQCPanel()
		var fs []qc.Finding
		for _, sev := range order {
			fs = append(fs, qc.Finding{Rule: qc.RuleIsland, Severity: sev, Map: "regions", Slice: 7, Label: 1 + int(sev), I: 1, J: 1})
		}
		fs = append(fs, qc.Finding{Rule: qc.RuleIsland, Severity: qc.Warning, Map: "regions", Slice: 9, Label: 2})
		p.SetFindings(fs)
		m := p.Marks()
		if len(m) != 2 {
			t.Fatalf("%d marks for two slices: %v", len(m), m)
		}
		for _, x := range m {
			red := x.Colour[0] > 200 && x.Colour[1] < 100
			if (x.Slice == 7) != red {
				t.Errorf("order %v: slice %d colour %v", order, x.Slice, x.Colour)
			}
		}
	}
}
