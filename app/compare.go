package app

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/metrics"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
)

// compareCols are the Compare table's column titles.
var compareCols = []string{"Map", "Label", "Dice", "NSD 3 mm", "HD95 mm", "Worst slice"}

// ComparePanel is the Compare tab of a case: the current maps scored
// against the proposal or a revision, a row per map and label. Choosing a
// row shows the label's worst slice with its disagreeing voxels (orange:
// only in the other maps, cyan: only in the current ones).
type ComparePanel struct {
	s     *CaseScreen
	cmp   *casework.Comparison
	title *widget.Label
	table *widget.Table
	sel   int // the chosen row, -1 none
	drawn int // the row whose overlay is drawn
	tab   *container.TabItem
	// rescoring is set while the comparison is scored again after an
	// edit; again when more edits came meanwhile (one more run then).
	rescoring, again bool
	// gen counts the comparisons shown: a rescore of an earlier one is
	// dropped.
	gen int
	// head is the title's first line: what A and B are.
	head string
	// stale is set when the maps changed while the tab was not shown: it
	// is scored again when shown (the copy an edit costs the UI thread is
	// paid only while someone looks).
	stale bool
}

// compareFor is the Compare panel of s, made and added as a tab the first
// time.
func (c *Controller) compareFor(s *CaseScreen) *ComparePanel {
	if s.Compare != nil {
		return s.Compare
	}
	p := &ComparePanel{s: s, sel: -1, title: widget.NewLabel("")}
	p.title.Wrapping = fyne.TextWrapWord
	p.table = widget.NewTableWithHeaders(
		func() (int, int) {
			if p.cmp == nil {
				return 0, len(compareCols)
			}
			return len(p.cmp.Result.Labels), len(compareCols)
		},
		func() fyne.CanvasObject { return widget.NewLabel("parts 000") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.Cell(id.Row, id.Col)) })
	p.table.ShowHeaderColumn = false
	p.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	p.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(compareCols[id.Col])
		}
	}
	for i, w := range []float32{60, 150, 60, 80, 80, 80} {
		p.table.SetColumnWidth(i, w)
	}
	p.table.OnSelected = func(id widget.TableCellID) { p.Choose(id.Row) }
	hide := widget.NewButton("Hide overlay", func() { s.Scene.SetDisagreement(viewer.Disagreement{}) })
	take := widget.NewButton("Take this slice from A", func() { c.takeSlice(p) })
	p.tab = container.NewTabItem("Compare", container.NewBorder(
		container.NewVBox(p.title, container.NewHBox(widget.NewButton("Compare with…", func() { c.compareDialog(s) }), hide, take)),
		nil, nil, nil, p.table))
	s.tabs.Append(p.tab)
	prevTab := s.tabs.OnSelected
	s.tabs.OnSelected = func(it *container.TabItem) {
		if prevTab != nil {
			prevTab(it)
		}
		if it == p.tab && p.stale {
			p.rescore(c.Work)
		}
	}
	prev := s.Scene.OnCursor
	s.Scene.OnCursor = func(ijk [3]int) {
		if prev != nil {
			prev(ijk)
		}
		p.overlay()
	}
	s.Compare = p
	return p
}

// Cell is the text of row r, column col of the table.
func (p *ComparePanel) Cell(r, col int) string {
	if p.cmp == nil || r < 0 || r >= len(p.cmp.Result.Labels) {
		return ""
	}
	sc := p.cmp.Result.Labels[r]
	switch col {
	case 0:
		return sc.Map
	case 1:
		if sc.Name == "" {
			return fmt.Sprintf("value %d", sc.Label)
		}
		return sc.Name
	case 2:
		return fmt.Sprintf("%.3f", sc.Dice)
	case 3:
		return fmt.Sprintf("%.3f", sc.NSD)
	case 4:
		if math.IsInf(sc.HD95, 0) {
			return "∞"
		}
		return fmt.Sprintf("%.1f", sc.HD95)
	case 5:
		if k, ok := p.cmp.WorstSlice(sc.Map, sc.Label); ok {
			return fmt.Sprint(k)
		}
		return "–"
	}
	return ""
}

// Rows is the number of table rows.
func (p *ComparePanel) Rows() int {
	if p.cmp == nil {
		return 0
	}
	return len(p.cmp.Result.Labels)
}

// Choose picks row r: the views go to the label's worst slice and show
// where the maps disagree on it.
func (p *ComparePanel) Choose(r int) {
	if p.cmp == nil || r < 0 || r >= len(p.cmp.Result.Labels) {
		return
	}
	p.sel = r
	sc := p.cmp.Result.Labels[r]
	if k, ok := p.cmp.WorstSlice(sc.Map, sc.Label); ok {
		p.s.jumpTo(qcFindingAt(k, -1, -1))
	}
	p.overlay()
	p.s.message.SetText(fmt.Sprintf("%s %s: orange only in %s, cyan only in the current maps", sc.Map, p.Cell(r, 1), p.cmp.Against))
}

// overlay draws the chosen label's disagreement on the slice shown.
func (p *ComparePanel) overlay() {
	if p.cmp == nil || p.sel < 0 {
		return
	}
	k := p.s.Scene.Cursor()[2]
	if cur := p.s.Scene.Disagreement().OnlyA; cur.Valid && cur.K == k && p.drawn == p.sel {
		return // already drawn (the cursor moved within the slice)
	}
	sc := p.cmp.Result.Labels[p.sel]
	p.drawn = p.sel
	p.s.Scene.SetDisagreement(p.cmp.Disagreement(sc.Map, sc.Label, k))
}

// show puts a comparison in the panel and selects its tab.
func (p *ComparePanel) show(cmp *casework.Comparison) {
	p.cmp, p.sel = cmp, -1
	p.gen++
	p.s.Scene.SetDisagreement(viewer.Disagreement{})
	p.head = fmt.Sprintf("A: %s · B: the current maps (unsaved edits included, scored again after each edit) · NSD at %g mm. Choose a row for its worst slice.",
		cmp.Against, metrics.DefaultTolerance)
	title := p.head
	if cmp.Note != "" {
		title += "\n" + cmp.Note
	}
	p.title.SetText(title)
	p.table.UnselectAll()
	p.table.Refresh()
	p.s.tabs.Select(p.tab)
}

// takeSlice merges the slice on screen from A into the case's maps (one
// undoable edit; the edit scores the comparison again).
func (c *Controller) takeSlice(p *ComparePanel) {
	if p.cmp == nil {
		p.s.message.SetText("Compare with the proposal, a revision or the second reader first.")
		return
	}
	k := p.s.Scene.Cursor()[2]
	if c.Work.TakeSlice(p.cmp, k) {
		p.s.message.SetText(fmt.Sprintf("Slice %d taken from %s: Undo brings it back, Save keeps it.", k, p.cmp.Against))
	}
}

// rescore scores the comparison again against the maps as they are after
// an edit (a stroke, an undo, a slice taken), in the background, so that
// B stays "the current maps"; edits during a run give one more run. With
// the tab hidden it only marks the table stale, scored when shown.
func (p *ComparePanel) rescore(w *casework.Workspace) {
	if p.cmp == nil {
		return
	}
	if p.s.tabs.Selected() != p.tab {
		p.stale = true
		return
	}
	p.stale = false
	if p.rescoring {
		p.again = true
		return
	}
	p.rescoring = true
	gen := p.gen
	w.Recompare(p.cmp, func(next *casework.Comparison) {
		p.rescoring = false
		if next != nil && gen == p.gen { // not failed, not replaced meanwhile
			p.keepChoice(func() { p.cmp = next })
			p.title.SetText(p.head + "\nScored again after an edit (not recorded again for the lab report).")
		}
		if p.again {
			p.again = false
			p.rescore(w)
		}
	})
}

// keepChoice runs change (which replaces the comparison) and keeps the
// chosen map and label chosen, wherever its row now is (a label painted
// or erased adds or removes rows).
func (p *ComparePanel) keepChoice(change func()) {
	var m string
	var label uint8
	had := p.sel >= 0 && p.sel < len(p.cmp.Result.Labels)
	if had {
		m, label = p.cmp.Result.Labels[p.sel].Map, p.cmp.Result.Labels[p.sel].Label
	}
	change()
	p.sel, p.drawn = -1, -1
	for r, sc := range p.cmp.Result.Labels {
		if had && sc.Map == m && sc.Label == label {
			p.sel = r
		}
	}
	p.table.Refresh()
	if p.sel >= 0 {
		p.overlay()
	} else {
		p.s.Scene.SetDisagreement(viewer.Disagreement{})
	}
}

// compareWith scores the case's current maps against those revision r
// replaced, in the background, and shows the result in the Compare tab.
func (c *Controller) compareWith(s *CaseScreen, r review.Revision, against string) {
	c.Work.CompareWith(r, against, func(cmp *casework.Comparison) {
		if c.Screen == s {
			c.compareFor(s).show(cmp)
		}
	})
}

// compareChoices names the revisions one can compare with: the proposal
// (the maps the first save replaced) first, then each later revision.
func compareChoices(revs []review.Revision) ([]string, []review.Revision) {
	first, ok := casework.Proposal(revs)
	if !ok {
		return nil, nil
	}
	names := []string{"the proposal"}
	out := []review.Revision{first}
	for _, r := range revs {
		if r.ID != first.ID {
			names = append(names, fmt.Sprintf("revision %d (before the save of %s by %s)", r.ID, stamp(r.Created), r.Author))
			out = append(out, r)
		}
	}
	return names, out
}

// compareDialog asks what to compare the current maps with: the proposal
// or a revision (the one chosen in the History tab preselected).
func (c *Controller) compareDialog(s *CaseScreen) {
	if s == nil {
		return
	}
	names, revs := compareChoices(s.Case.Review.Revisions)
	if len(names) == 0 {
		dialog.ShowInformation("Compare with…", "This case has no saved revisions yet: the proposal is kept when the case is first saved.", c.Window)
		return
	}
	pick := widget.NewSelect(names, nil)
	pick.SetSelectedIndex(0)
	if r, ok := selectedRevision(s); ok {
		for i, x := range revs {
			if x.ID == r.ID {
				pick.SetSelectedIndex(i)
			}
		}
	}
	dialog.ShowCustomConfirm("Compare with…", "Compare", "Cancel", pick, func(ok bool) {
		if i := pick.SelectedIndex(); ok && i >= 0 {
			c.compareWith(s, revs[i], names[i])
		}
	}, c.Window)
}

// compareCurrent opens the Compare with… dialog for the case on screen.
func (c *Controller) compareCurrent() { c.compareDialog(c.Screen) }
