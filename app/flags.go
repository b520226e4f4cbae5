package app

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
)

// FlagColour marks open flags on the slice strip.
var FlagColour = [3]uint8{200, 90, 230}

// ReviewPanels are the Flags and History tabs of a case: lists over the
// case's review state (the model), the selection, and the texts of the
// comment thread and the audit log.
type ReviewPanels struct {
	flagList *widget.List
	revList  *widget.List
	selFlag  int
	selRev   int
	comments *widget.Label
	audit    *widget.Label
}

// listLabel is a one-line list row.
func listLabel() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// buildReviewTabs adds the Flags and History tabs to the case screen.
func (c *Controller) buildReviewTabs(s *CaseScreen) {
	p := &ReviewPanels{selFlag: -1, selRev: -1}
	s.Review = p
	st := &s.Case.Review
	p.flagList = widget.NewList(func() int { return len(st.Flags) }, listLabel,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := st.Flags[i]
			state := "open"
			if f.ResolvedBy != "" {
				state = "resolved by " + f.ResolvedBy + ": " + f.Reply
			}
			o.(*widget.Label).SetText(fmt.Sprintf("slice %d · %s · %s — %s (%s)", f.Slice, f.Category, f.Author, f.Comment, state))
		})
	p.flagList.OnSelected = func(i widget.ListItemID) {
		p.selFlag = i
		f := st.Flags[i]
		s.jumpTo(qcFindingAt(f.Slice, f.I, f.J))
		s.message.SetText(fmt.Sprintf("flag by %s: %s — %s", f.Author, f.Category, f.Comment))
		c.Window.Canvas().Unfocus()
	}
	resolve := widget.NewButton("Resolve…", func() {
		if p.selFlag < 0 || p.selFlag >= len(st.Flags) {
			return
		}
		id := st.Flags[p.selFlag].ID
		c.dialogs.askText("Resolve flag", "Reply:", func(reply string) { c.Work.ResolveFlag(id, reply) })
	})
	p.revList = widget.NewList(func() int { return len(st.Revisions) }, listLabel,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := st.Revisions[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s · QC %d errors, %d warnings",
				time.UnixMilli(r.Created).Format("2006-01-02 15:04"), r.Author, changeSummary(r.Changes), r.QCErrors, r.QCWarnings))
		})
	p.revList.OnSelected = func(i widget.ListItemID) { p.selRev = i }
	compare := widget.NewButton("Compare", func() { c.compareRevision(s) })
	restore := widget.NewButton("Restore…", func() { c.restoreRevision(s) })
	p.comments = widget.NewLabel("")
	p.comments.Wrapping = fyne.TextWrapWord
	p.audit = widget.NewLabel("")
	p.audit.Wrapping = fyne.TextWrapWord
	input := widget.NewEntry()
	input.SetPlaceHolder("Add a comment and press Enter")
	input.OnSubmitted = func(t string) {
		if strings.TrimSpace(t) != "" {
			c.Work.AddComment(t, func() { input.SetText("") })
		}
	}
	var flags fyne.CanvasObject = container.NewVSplit(
		container.NewBorder(container.NewHBox(widget.NewButton("Flag slice (F)…", func() { c.dialogs.flag(s) }), resolve), nil, nil, nil, p.flagList),
		container.NewBorder(widget.NewLabelWithStyle("Comments", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), input, nil, nil,
			container.NewVScroll(p.comments)))
	if s.Case.Reader != "" { // flags and comments are about maps a blind reader does not see
		l := widget.NewLabel("You read this case blind: its flags and comments are about the first reader's maps, so they are neither shown nor added here.")
		l.Wrapping = fyne.TextWrapWord
		flags = container.NewVBox(l)
	}
	s.tabs.Append(container.NewTabItem("Flags", flags))
	var history fyne.CanvasObject = container.NewVSplit(
		container.NewBorder(container.NewVBox(widget.NewLabel("Each save, newest last; the maps it replaced are kept."), container.NewHBox(compare, restore, widget.NewButton("Compare with…", func() { c.compareDialog(s) })), c.readersRow(s)),
			nil, nil, nil, p.revList),
		container.NewBorder(widget.NewLabelWithStyle("Audit log", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil,
			container.NewVScroll(p.audit)))
	if s.Case.Reader != "" { // a blind reader sees none of the case's history
		history = container.NewVBox(c.readersRow(s))
	}
	s.tabs.Append(container.NewTabItem("History", history))
	prev := s.Strip.Marks
	s.Strip.Marks = func() []viewer.StripMark {
		out := prev()
		for _, f := range st.Flags {
			if f.ResolvedBy == "" {
				out = append(out, viewer.StripMark{Slice: f.Slice, Colour: FlagColour})
			}
		}
		return out
	}
}

// qcFindingAt makes a jump target of a flag.
func qcFindingAt(k, i, j int) qc.Finding { return qc.Finding{Slice: k, I: i, J: j, Label: -1} }

// changeSummary writes the largest label changes of a revision.
func changeSummary(ch map[string]int) string {
	type kv struct {
		k string
		v int
	}
	var xs []kv
	for k, v := range ch {
		if v > 0 {
			xs = append(xs, kv{k, v})
		}
	}
	sort.Slice(xs, func(a, b int) bool { return xs[a].v > xs[b].v })
	var parts []string
	for n, x := range xs {
		if n == 3 {
			break
		}
		m, l, _ := strings.Cut(x.k, "/")
		var v int
		fmt.Sscan(l, &v)
		table := labels.Regions
		if m == "parts" {
			table = labels.Parts
		}
		parts = append(parts, fmt.Sprintf("+%d %s", x.v, table.Name(uint8(v))))
	}
	if len(parts) == 0 {
		return "no changes"
	}
	return strings.Join(parts, ", ")
}

// showReview shows the review state the workspace read: flags,
// revisions, the thread, the audit log and the status bar.
func (c *Controller) showReview(s *CaseScreen) {
	c.statusBar(s)
	p := s.Review
	if p == nil {
		return
	}
	st := s.Case.Review
	p.flagList.Refresh()
	p.revList.Refresh()
	s.Strip.Refresh()
	var b strings.Builder
	for _, m := range st.Comments {
		fmt.Fprintf(&b, "%s  %s: %s\n", stamp(m.Created), m.Author, m.Text)
	}
	if b.Len() == 0 {
		b.WriteString("No comments yet.")
	}
	p.comments.SetText(b.String())
	b.Reset()
	for _, e := range st.Audit {
		fmt.Fprintf(&b, "%s  %s %s %s\n", stamp(e.Created), e.Actor, e.Action, e.Detail)
	}
	p.audit.SetText(b.String())
}

// stamp is a review-store time (Unix milliseconds) as the History and
// Flags tabs show it.
func stamp(ms int64) string { return time.UnixMilli(ms).Format("2006-01-02 15:04:05") }

// selectedRevision is the revision chosen in the History tab.
func selectedRevision(s *CaseScreen) (review.Revision, bool) {
	revs := s.Case.Review.Revisions
	if s.Review == nil || s.Review.selRev < 0 || s.Review.selRev >= len(revs) {
		return review.Revision{}, false
	}
	return revs[s.Review.selRev], true
}

// compareRevision shows, with the changes overlay, how the current maps
// differ from the ones a revision replaced (read in the background).
func (c *Controller) compareRevision(s *CaseScreen) {
	r, ok := selectedRevision(s)
	if !ok {
		return
	}
	c.Work.RevisionMaps(r, func(maps [2][]uint8) {
		l := s.Scene.Layers()
		l.Original = maps
		s.Scene.SetLayers(l)
		s.Scene.UpdateStyle(func(st *viewer.Style) { st.Changes = true })
		s.message.SetText("magenta: voxels that differ from the maps before that save (X hides)")
	})
}

// restoreRevision brings back the maps a revision replaced, as one undo
// step.
func (c *Controller) restoreRevision(s *CaseScreen) {
	r, ok := selectedRevision(s)
	if !ok || s.Editor == nil {
		return
	}
	dialog.ShowConfirm("Restore revision", "Put back the label maps as they were before the save of "+
		time.UnixMilli(r.Created).Format("2006-01-02 15:04")+"? (One undo step; save to keep it.)", func(ok bool) {
		if ok {
			c.Work.RestoreRevision(r)
		}
	}, c.Window)
}
