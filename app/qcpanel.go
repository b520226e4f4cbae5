package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/viewer"
)

// Signature identifies a finding for acceptance: it changes when the
// component it points at changes (box or area), so acceptance lapses.
func Signature(f qc.Finding) string {
	b := [4]int{-1, -1, -1, -1}
	if f.BBox != nil {
		b = *f.BBox
	}
	return fmt.Sprintf("%s|%s|%d|%d|%v|%.2f", f.Rule, f.Map, f.Slice, f.Label, b, f.AreaMM2)
}

// Row levels of the panel's tree.
const (
	levelGroup     = iota // rule and label across the case
	levelFinding          // one slice of a group
	levelComponent        // one component of a finding
)

// qcRow is one line of the panel: a group, a finding (an index into the
// findings shown) or one component of a finding.
type qcRow struct {
	level int
	group int // index into groups
	f     int // index into shown, for findings and components
	comp  int // index into the finding's components
}

// QCPanel lists a case's QC findings in a tree: groups by rule and label
// across the case ("island · subcutaneous tissue · 22 slices · 2,817
// components"), expanding into slices and then components. Filters by
// severity, rule and label narrow it; selecting a finding or a component
// jumps to it; a finding or a whole group can be accepted with a note
// ("reviewed, fine") and is then hidden unless asked for.
type QCPanel struct {
	// Accepted maps a finding's signature to its note.
	Accepted map[string]string
	qcTree
	qcFilters
	list    *widget.List
	summary *widget.Label
	accept  *widget.Button
	content fyne.CanvasObject

	// OnSelect is called with the finding or component selected (a
	// component comes as a copy of its finding pointing at it); OnAccept
	// when the user asks to accept one finding, OnAcceptGroup for a
	// group's findings shown; OnRun for "Run QC".
	OnSelect      func(qc.Finding)
	OnAccept      func(qc.Finding)
	OnAcceptGroup func(title string, fs []qc.Finding)
	OnRun         func()
	// OnFiltered is called after a filter menu changes (the window hands
	// the keyboard back to its keys: J, K…).
	OnFiltered func()
}

// qcTree is what the panel lists: the findings, those the filters let
// through, their groups, the rows of the tree as expanded, and the row
// chosen.
type qcTree struct {
	findings []qc.Finding
	shown    []qc.Finding // findings that pass the filters, in order
	groups   []qc.Group   // groups of shown
	rows     []qcRow
	open     map[string]bool // expanded groups (groupKey) and findings (findingKey)
	selected int
}

// qcFilters are the panel's filter controls and the option texts' meanings.
type qcFilters struct {
	showAccepted *widget.Check
	severity     *widget.Select
	rule         *widget.Select
	label        *widget.Select
	ruleOf       map[string]string // rule filter option → rule
	labelOf      map[string]string // label filter option → map|label
}

// All-options of the filters.
const (
	allSeverities = "All severities"
	allRules      = "All rules"
	allLabels     = "All labels"
)

var severityNames = [3]string{"Errors", "Warnings", "Info"}

// NewQCPanel makes an empty panel.
func NewQCPanel() *QCPanel {
	p := &QCPanel{Accepted: map[string]string{}, qcTree: qcTree{open: map[string]bool{}, selected: -1}}
	p.summary = widget.NewLabel("QC has not run yet.")
	p.summary.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			// One line a row (the list's rows have one height); the whole
			// message shows in the status line when chosen.
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.rows) {
				p.fillRow(o.(*widget.Label), p.rows[i])
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		p.selected = i
		if r := p.rows[i]; r.level == levelGroup && !p.open[groupKey(&p.groups[r.group])] {
			p.open[groupKey(&p.groups[r.group])] = true // a click opens a group
			p.layoutRows()
		}
		p.jump()
	}
	p.showAccepted = widget.NewCheck("Show accepted", func(bool) { p.rebuild() })
	filtered := func(string) {
		p.rebuild()
		if p.OnFiltered != nil {
			p.OnFiltered()
		}
	}
	p.severity = widget.NewSelect(nil, filtered)
	p.rule = widget.NewSelect(nil, filtered)
	p.label = widget.NewSelect(nil, filtered)
	p.setFilterOptions()
	run := widget.NewButton("Run QC", func() {
		if p.OnRun != nil {
			p.OnRun()
		}
	})
	p.accept = widget.NewButton("Accept…", p.AcceptSelected)
	filters := container.NewGridWithColumns(3, p.severity, p.rule, p.label)
	top := container.NewVBox(container.NewHBox(run, p.accept, p.showAccepted), filters, p.summary)
	p.content = container.NewBorder(top, nil, nil, nil, p.list)
	return p
}

// Content is the panel's canvas object.
func (p *QCPanel) Content() fyne.CanvasObject { return p.content }

// SetFindings shows a new QC result (filters that no longer apply reset).
func (p *QCPanel) SetFindings(fs []qc.Finding) {
	p.findings = fs
	p.setFilterOptions()
	p.rebuild()
}

// Findings returns the findings shown, in the panel's order of groups
// (filtered; accepted ones excluded unless shown).
func (p *QCPanel) Findings() []qc.Finding {
	var out []qc.Finding
	for _, g := range p.groups {
		for _, n := range g.Findings {
			out = append(out, p.shown[n])
		}
	}
	return out
}

// Groups returns the top level of the panel: the groups shown.
func (p *QCPanel) Groups() []qc.Group { return p.groups }

// Rows is how many lines the list shows (groups plus what is expanded).
func (p *QCPanel) Rows() int { return len(p.rows) }

// Selected returns the finding (or component, as a copy of its finding
// pointing at it) selected, if any; a group selected gives its first.
func (p *QCPanel) Selected() (qc.Finding, bool) {
	if p.selected < 0 || p.selected >= len(p.rows) {
		return qc.Finding{}, false
	}
	return p.target(p.rows[p.selected]), true
}

// SelectFinding selects the n-th finding of Findings (0-based), expanding
// its group, as a click does.
func (p *QCPanel) SelectFinding(n int) {
	for gi, g := range p.groups {
		if n >= len(g.Findings) {
			n -= len(g.Findings)
			continue
		}
		p.open[groupKey(&g)] = true
		p.layoutRows()
		for i, r := range p.rows {
			if r.level == levelFinding && r.f == g.Findings[n] && r.group == gi {
				p.selectRow(i)
				return
			}
		}
		return
	}
}

// target is the finding a row points at: a group's first finding, a
// finding, or a component as a copy of its finding.
func (p *QCPanel) target(r qcRow) qc.Finding {
	switch r.level {
	case levelGroup:
		return p.shown[p.groups[r.group].Findings[0]]
	case levelComponent:
		f := p.shown[r.f]
		c := f.Components[r.comp]
		b := c.BBox
		f.I, f.J, f.BBox, f.AreaMM2 = c.I, c.J, &b, c.AreaMM2
		return f
	}
	return p.shown[r.f]
}

func (p *QCPanel) jump() {
	if f, ok := p.Selected(); ok && p.OnSelect != nil {
		p.OnSelect(f)
	}
}

// groupKey and findingKey name expanded rows across rebuilds.
func groupKey(g *qc.Group) string { return fmt.Sprintf("g|%s|%s|%d", g.Rule, g.Map, g.Label) }

func findingKey(f *qc.Finding) string {
	return fmt.Sprintf("f|%s|%s|%d|%d", f.Rule, f.Map, f.Label, f.Slice)
}

// rebuild filters the findings, groups them and lays out the rows.
func (p *QCPanel) rebuild() {
	p.shown = p.shown[:0]
	hidden := 0
	sev, rule, lab := p.severity.Selected, p.ruleOf[p.rule.Selected], p.labelOf[p.label.Selected]
	for _, f := range p.findings {
		if _, ok := p.Accepted[Signature(f)]; ok && !p.showAccepted.Checked {
			hidden++
			continue
		}
		if sev != "" && sev != allSeverities && severityNames[f.Severity] != sev {
			continue
		}
		if rule != "" && f.Rule != rule {
			continue
		}
		if lab != "" && labelKey(f.Map, f.Label) != lab {
			continue
		}
		p.shown = append(p.shown, f)
	}
	p.groups = qc.Groups(p.shown)
	p.summary.SetText(p.summaryText(hidden))
	p.layoutRows()
	p.selected = -1
	p.list.UnselectAll()
}

// layoutRows makes the rows of the groups and what is expanded.
func (p *QCPanel) layoutRows() {
	p.rows = p.rows[:0]
	for gi := range p.groups {
		g := &p.groups[gi]
		p.rows = append(p.rows, qcRow{level: levelGroup, group: gi})
		if !p.open[groupKey(g)] {
			continue
		}
		for _, n := range g.Findings {
			p.rows = append(p.rows, qcRow{level: levelFinding, group: gi, f: n})
			f := &p.shown[n]
			if len(f.Components) > 1 && p.open[findingKey(f)] {
				for c := range f.Components {
					p.rows = append(p.rows, qcRow{level: levelComponent, group: gi, f: n, comp: c})
				}
			}
		}
	}
	p.list.Refresh()
}

// summaryText counts findings by severity and by rule.
func (p *QCPanel) summaryText(hidden int) string {
	if len(p.findings) == 0 {
		return "QC found nothing."
	}
	e, w, i := qc.Count(p.findings)
	t := fmt.Sprintf("%d errors, %d warnings, %d info in %d groups", e, w, i, len(qc.Groups(p.findings)))
	if hidden > 0 {
		t += fmt.Sprintf(" (%d accepted, hidden)", hidden)
	}
	if len(p.shown) != len(p.findings)-hidden {
		t += fmt.Sprintf("; %d shown", len(p.shown))
	}
	return t
}

// Marks are the slice-strip marks of the findings shown, one per slice in
// the colour of its worst finding: red for errors over orange for
// warnings over blue for info.
func (p *QCPanel) Marks() []viewer.StripMark {
	colours := [3][3]uint8{{230, 60, 50}, {240, 160, 40}, {90, 150, 240}}
	worst := map[int]qc.Severity{}
	var order []int
	for _, f := range p.shown {
		if f.Slice < 0 {
			continue
		}
		s, ok := worst[f.Slice]
		if !ok {
			order = append(order, f.Slice)
		}
		if !ok || f.Severity < s {
			worst[f.Slice] = f.Severity
		}
	}
	out := make([]viewer.StripMark, 0, len(order))
	for _, k := range order {
		out = append(out, viewer.StripMark{Slice: k, Colour: colours[worst[k]]})
	}
	return out
}
