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

// qcRow is one line of the panel: a severity heading or a finding.
type qcRow struct {
	heading string
	f       qc.Finding
}

// QCPanel lists a case's QC findings grouped by severity with counts.
// Selecting a finding jumps to it; a finding can be accepted with a note
// ("reviewed, fine") and is then hidden unless asked for.
type QCPanel struct {
	findings     []qc.Finding
	Accepted     map[string]string // signature → note
	showAccepted *widget.Check
	rows         []qcRow
	list         *widget.List
	summary      *widget.Label
	accept       *widget.Button
	selected     int
	content      fyne.CanvasObject

	// OnSelect is called with the finding selected; OnAccept when the
	// user asks to accept one; OnRun for "Run QC".
	OnSelect func(qc.Finding)
	OnAccept func(qc.Finding)
	OnRun    func()
}

// NewQCPanel makes an empty panel.
func NewQCPanel() *QCPanel {
	p := &QCPanel{Accepted: map[string]string{}, selected: -1}
	p.summary = widget.NewLabel("QC has not run yet.")
	p.summary.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			// One line a finding (the list's rows have one height); the
			// whole message shows in the status line when chosen.
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			r := p.rows[i]
			if r.heading != "" {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(r.heading)
				return
			}
			l.TextStyle = fyne.TextStyle{}
			text := fmt.Sprintf("slice %d · %s — %s", r.f.Slice, r.f.Rule, r.f.Message)
			if r.f.Slice < 0 {
				text = fmt.Sprintf("case · %s — %s", r.f.Rule, r.f.Message)
			}
			if note, ok := p.Accepted[Signature(r.f)]; ok {
				text += " [accepted: " + note + "]"
			}
			l.SetText(text)
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		p.selected = i
		if i >= 0 && i < len(p.rows) && p.rows[i].heading == "" && p.OnSelect != nil {
			p.OnSelect(p.rows[i].f)
		}
	}
	p.showAccepted = widget.NewCheck("Show accepted", func(bool) { p.rebuild() })
	run := widget.NewButton("Run QC", func() {
		if p.OnRun != nil {
			p.OnRun()
		}
	})
	p.accept = widget.NewButton("Accept…", func() {
		if f, ok := p.Selected(); ok && p.OnAccept != nil {
			p.OnAccept(f)
		}
	})
	p.content = container.NewBorder(container.NewVBox(container.NewHBox(run, p.accept, p.showAccepted), p.summary), nil, nil, nil, p.list)
	return p
}

// Content is the panel's canvas object.
func (p *QCPanel) Content() fyne.CanvasObject { return p.content }

// SetFindings shows a new QC result.
func (p *QCPanel) SetFindings(fs []qc.Finding) {
	p.findings = fs
	p.rebuild()
}

// Findings returns the findings shown (accepted ones excluded unless
// shown).
func (p *QCPanel) Findings() []qc.Finding {
	var out []qc.Finding
	for _, r := range p.rows {
		if r.heading == "" {
			out = append(out, r.f)
		}
	}
	return out
}

// Selected returns the finding selected, if any.
func (p *QCPanel) Selected() (qc.Finding, bool) {
	if p.selected < 0 || p.selected >= len(p.rows) || p.rows[p.selected].heading != "" {
		return qc.Finding{}, false
	}
	return p.rows[p.selected].f, true
}

// SelectFinding selects the n-th finding shown (0-based), as a click does.
func (p *QCPanel) SelectFinding(n int) {
	for i, r := range p.rows {
		if r.heading == "" {
			if n == 0 {
				p.list.Select(i)
				return
			}
			n--
		}
	}
}

func (p *QCPanel) rebuild() {
	p.rows = p.rows[:0]
	var groups [3][]qc.Finding
	hidden := 0
	for _, f := range p.findings {
		if _, ok := p.Accepted[Signature(f)]; ok && !p.showAccepted.Checked {
			hidden++
			continue
		}
		groups[f.Severity] = append(groups[f.Severity], f)
	}
	names := [3]string{"Errors", "Warnings", "Info"}
	for s, g := range groups {
		if len(g) == 0 {
			continue
		}
		p.rows = append(p.rows, qcRow{heading: fmt.Sprintf("%s (%d)", names[s], len(g))})
		for _, f := range g {
			p.rows = append(p.rows, qcRow{f: f})
		}
	}
	e, w, i := qc.Count(p.findings)
	t := fmt.Sprintf("%d errors, %d warnings, %d info", e, w, i)
	if hidden > 0 {
		t += fmt.Sprintf(" (%d accepted, hidden)", hidden)
	}
	if len(p.findings) == 0 {
		t = "QC found nothing."
	}
	p.summary.SetText(t)
	p.selected = -1
	p.list.UnselectAll()
	p.list.Refresh()
}

// Marks are the slice-strip marks of the findings shown: red for errors,
// orange for warnings, blue for info.
func (p *QCPanel) Marks() []viewer.StripMark {
	colours := [3][3]uint8{{230, 60, 50}, {240, 160, 40}, {90, 150, 240}}
	var out []viewer.StripMark
	for _, r := range p.rows {
		if r.heading == "" && r.f.Slice >= 0 {
			out = append(out, viewer.StripMark{Slice: r.f.Slice, Colour: colours[r.f.Severity]})
		}
	}
	return out
}
