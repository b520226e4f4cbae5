package app

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/qc"
)

// labelKey names a label of a map for the label filter.
func labelKey(m string, label int) string { return fmt.Sprintf("%s|%d", m, label) }

// setFilterOptions offers the severities, rules (with their counts) and
// labels of the findings; a choice that is no longer offered resets.
func (p *QCPanel) setFilterOptions() {
	keep := func(s *widget.Select, opts []string, all string) {
		cur := s.Selected
		s.Options = append([]string{all}, opts...)
		found := false
		for _, o := range s.Options {
			found = found || o == cur
		}
		if !found {
			cur = all
		}
		s.Selected = cur // set without OnChanged: the caller rebuilds
		s.Refresh()
	}
	var sevs []string
	e, w, i := qc.Count(p.findings)
	for s, n := range [3]int{e, w, i} {
		if n > 0 {
			sevs = append(sevs, severityNames[s])
		}
	}
	keep(p.severity, sevs, allSeverities)

	ruleCount, labelCount := map[string]int{}, map[string]int{}
	labelName := map[string]string{}
	for _, f := range p.findings {
		ruleCount[f.Rule]++
		if f.Label >= 0 && (f.Map == "regions" || f.Map == "parts") {
			k := labelKey(f.Map, f.Label)
			labelCount[k]++
			g := qc.Group{Map: f.Map, Label: f.Label}
			labelName[k] = f.Map + " · " + g.LabelName()
		}
	}
	p.ruleOf, p.labelOf = map[string]string{}, map[string]string{}
	var rules, labs []string
	for r, n := range ruleCount {
		o := fmt.Sprintf("%s (%d)", r, n)
		p.ruleOf[o] = r
		rules = append(rules, o)
	}
	for k, n := range labelCount {
		o := fmt.Sprintf("%s (%d)", labelName[k], n)
		p.labelOf[o] = k
		labs = append(labs, o)
	}
	sort.Strings(rules)
	sort.Strings(labs)
	keep(p.rule, rules, allRules)
	keep(p.label, labs, allLabels)
}

// SetFilters chooses the severity ("Errors", "Warnings", "Info" or ""),
// rule and label (map and value; label −1 for all) shown, as the filter
// menus do.
func (p *QCPanel) SetFilters(severity, rule, m string, label int) {
	p.severity.Selected = allSeverities
	if severity != "" {
		p.severity.Selected = severity
	}
	p.rule.Selected = allRules
	for o, r := range p.ruleOf {
		if r == rule {
			p.rule.Selected = o
		}
	}
	p.label.Selected = allLabels
	for o, k := range p.labelOf {
		if label >= 0 && k == labelKey(m, label) {
			p.label.Selected = o
		}
	}
	p.severity.Refresh()
	p.rule.Refresh()
	p.label.Refresh()
	p.rebuild()
}

// RuleOptions are the rule filter's choices ("island (22)": findings of
// the rule).
func (p *QCPanel) RuleOptions() []string { return p.rule.Options }

// fillRow writes one row of the tree.
func (p *QCPanel) fillRow(l *widget.Label, r qcRow) {
	g := &p.groups[r.group]
	l.Importance = widget.MediumImportance
	l.TextStyle.Bold = false
	var text string
	switch r.level {
	case levelGroup:
		arrow := "▸ "
		if p.open[groupKey(g)] {
			arrow = "▾ "
		}
		text = arrow + g.Title()
		l.TextStyle.Bold = true
		switch g.Severity {
		case qc.Error:
			l.Importance = widget.DangerImportance
		case qc.Warning:
			l.Importance = widget.WarningImportance
		}
		all := true
		for _, n := range g.Findings {
			_, ok := p.Accepted[Signature(p.shown[n])]
			all = all && ok
		}
		if all {
			text += " [accepted]"
		}
	case levelFinding:
		f := &p.shown[r.f]
		where := fmt.Sprintf("slice %d", f.Slice)
		if f.Slice < 0 {
			where = "case"
		}
		arrow := "    "
		if len(f.Components) > 1 {
			arrow = "  ▸ "
			if p.open[findingKey(f)] {
				arrow = "  ▾ "
			}
		}
		text = fmt.Sprintf("%s%s — %s", arrow, where, f.Message)
		if note, ok := p.Accepted[Signature(*f)]; ok {
			text += " [accepted: " + note + "]"
		}
	case levelComponent:
		f := &p.shown[r.f]
		c := f.Components[r.comp]
		text = fmt.Sprintf("        %d of %d · %.2f mm² at (%d, %d)", r.comp+1, len(f.Components), c.AreaMM2, c.I, c.J)
	}
	l.SetText(text)
}

// selectRow selects row i and shows it.
func (p *QCPanel) selectRow(i int) {
	if i < 0 || i >= len(p.rows) {
		return
	}
	p.list.Select(i) // OnSelected jumps
	p.list.ScrollTo(i)
}

// Next selects the next finding or component (expanding the next group
// when the list reaches it) and jumps to it.
func (p *QCPanel) Next() {
	for i := p.selected + 1; i < len(p.rows); i++ {
		r := p.rows[i]
		if r.level != levelGroup {
			p.selectRow(i)
			return
		}
		g := &p.groups[r.group]
		if !p.open[groupKey(g)] {
			p.open[groupKey(g)] = true
			p.layoutRows()
		}
	}
}

// Previous selects the previous finding or component (expanding the
// group above when the list reaches it) and jumps to it.
func (p *QCPanel) Previous() {
	i := p.selected - 1
	if p.selected < 0 && len(p.groups) > 0 { // from the end: the last group's last row
		p.open[groupKey(&p.groups[len(p.groups)-1])] = true
		p.layoutRows()
		i = len(p.rows) - 1
	}
	for i >= 0 {
		r := p.rows[i]
		if r.level != levelGroup {
			p.selectRow(i)
			return
		}
		if r.group == 0 {
			return
		}
		if g := &p.groups[r.group-1]; !p.open[groupKey(g)] {
			p.open[groupKey(g)] = true
			p.layoutRows()
		}
		for j, x := range p.rows { // the last row of the group above
			if x.level == levelGroup && x.group == r.group {
				i = j - 1
				break
			}
		}
	}
}

// Toggle expands or folds the group or finding selected.
func (p *QCPanel) Toggle() {
	if p.selected < 0 || p.selected >= len(p.rows) {
		return
	}
	r := p.rows[p.selected]
	var k string
	switch r.level {
	case levelGroup:
		k = groupKey(&p.groups[r.group])
	case levelFinding:
		k = findingKey(&p.shown[r.f])
	default:
		return
	}
	p.open[k] = !p.open[k]
	p.layoutRows()
	for i, x := range p.rows { // the selection follows its row
		if x.level == r.level && x.group == r.group && x.f == r.f {
			p.selected = i
			p.list.Select(i)
			return
		}
	}
}

// Jump shows the selection again (after panning away).
func (p *QCPanel) Jump() { p.jump() }

// AcceptSelected asks to accept what is selected: the whole group (its
// findings shown) for a group row, else the finding.
func (p *QCPanel) AcceptSelected() {
	if p.selected < 0 || p.selected >= len(p.rows) {
		return
	}
	r := p.rows[p.selected]
	if r.level == levelGroup {
		g := &p.groups[r.group]
		fs := make([]qc.Finding, len(g.Findings))
		for i, n := range g.Findings {
			fs[i] = p.shown[n]
		}
		if p.OnAcceptGroup != nil {
			p.OnAcceptGroup(g.Title(), fs)
		}
		return
	}
	if p.OnAccept != nil {
		p.OnAccept(p.shown[r.f])
	}
}
