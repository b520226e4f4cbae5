package app

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// FlagColour marks open flags on the slice strip.
var FlagColour = [3]uint8{200, 90, 230}

// ReviewPanels are the Flags and History tabs of a case.
type ReviewPanels struct {
	flags     []review.Flag
	flagList  *widget.List
	revisions []review.Revision
	revList   *widget.List
	selFlag   int
	selRev    int
	comments  *widget.Label
	audit     *widget.Label
}

// buildReviewTabs adds the Flags and History tabs to the case screen.
func (c *Controller) buildReviewTabs(s *CaseScreen) {
	p := &ReviewPanels{selFlag: -1, selRev: -1}
	s.Review = p
	p.flagList = widget.NewList(func() int { return len(p.flags) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			f := p.flags[i]
			state := "open"
			if f.ResolvedBy != "" {
				state = "resolved by " + f.ResolvedBy + ": " + f.Reply
			}
			o.(*widget.Label).SetText(fmt.Sprintf("slice %d · %s · %s — %s (%s)", f.Slice, f.Category, f.Author, f.Comment, state))
		})
	p.flagList.OnSelected = func(i widget.ListItemID) {
		p.selFlag = i
		f := p.flags[i]
		s.jumpTo(qcFindingAt(f.Slice, f.I, f.J))
		s.message.SetText(fmt.Sprintf("flag by %s: %s — %s", f.Author, f.Category, f.Comment))
		c.Window.Canvas().Unfocus()
	}
	resolve := widget.NewButton("Resolve…", func() {
		if p.selFlag < 0 || p.selFlag >= len(p.flags) {
			return
		}
		f := p.flags[p.selFlag]
		c.askText("Resolve flag", "Reply:", func(reply string) {
			if err := c.Review.ResolveFlag(context.Background(), c.User, f.ID, reply); err != nil {
				c.showError(err)
			}
			c.refreshReview(s)
		})
	})
	p.revList = widget.NewList(func() int { return len(p.revisions) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := p.revisions[i]
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
		if strings.TrimSpace(t) == "" {
			return
		}
		if err := c.Review.AddComment(context.Background(), c.User, c.loaded.Case.ID, t); err != nil {
			c.showError(err)
			return
		}
		input.SetText("")
		c.refreshComments(s)
	}
	s.tabs.Append(container.NewTabItem("Flags", container.NewVSplit(
		container.NewBorder(container.NewHBox(widget.NewButton("Flag slice (F)…", func() { c.flagDialog(s) }), resolve), nil, nil, nil, p.flagList),
		container.NewBorder(widget.NewLabelWithStyle("Comments", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), input, nil, nil,
			container.NewVScroll(p.comments)))))
	s.tabs.Append(container.NewTabItem("History", container.NewVSplit(
		container.NewBorder(container.NewVBox(widget.NewLabel("Each save, newest last; the maps it replaced are kept."), container.NewHBox(compare, restore)),
			nil, nil, nil, p.revList),
		container.NewBorder(widget.NewLabelWithStyle("Audit log", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil,
			container.NewVScroll(p.audit)))))
	prev := s.Strip.Marks
	s.Strip.Marks = func() []viewer.StripMark {
		out := prev()
		for _, f := range p.flags {
			if f.ResolvedBy == "" {
				out = append(out, viewer.StripMark{Slice: f.Slice, Colour: FlagColour})
			}
		}
		return out
	}
	c.refreshReview(s)
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

// refreshReview reloads the case's flags, revisions and status.
func (c *Controller) refreshReview(s *CaseScreen) {
	if c.Review == nil || c.loaded == nil || s.Review == nil {
		return
	}
	ctx := context.Background()
	id := c.loaded.Case.ID
	if fl, err := c.Review.Flags(ctx, id); err == nil {
		s.Review.flags = fl
	}
	if rv, err := c.Review.Revisions(ctx, id); err == nil {
		s.Review.revisions = rv
	}
	s.Review.flagList.Refresh()
	s.Review.revList.Refresh()
	s.Strip.Refresh()
	c.refreshComments(s)
	c.statusBar(s)
}

// flagDialog flags the cursor's slice (and voxel and region label).
func (c *Controller) flagDialog(s *CaseScreen) {
	if c.Review == nil || c.loaded == nil {
		s.message.SetText("Flags need a data set with a review store.")
		return
	}
	cat := widget.NewSelect([]string{review.WrongLabel, review.MissedStructure, review.Artefact, review.Laterality, review.Other}, nil)
	cat.SetSelectedIndex(0)
	comment := widget.NewEntry()
	cur := s.Scene.Cursor()
	dialog.ShowForm(fmt.Sprintf("Flag slice %d at (%d, %d)", cur[2], cur[0], cur[1]), "Flag", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Category", cat), widget.NewFormItem("Comment", comment)}, func(ok bool) {
			if ok {
				c.AddFlag(s, cat.Selected, comment.Text)
			}
		}, c.Window)
}

// AddFlag flags the cursor: slice, voxel and the region label there.
func (c *Controller) AddFlag(s *CaseScreen, category, comment string) {
	cur := s.Scene.Cursor()
	label := -1
	if r := s.Case.Layers.Regions; r != nil {
		label = int(r.At(cur[0], cur[1], cur[2]))
	}
	_, err := c.Review.AddFlag(context.Background(), review.Flag{Case: c.loaded.Case.ID, Map: "regions", Slice: cur[2], Label: label,
		I: cur[0], J: cur[1], Category: category, Comment: comment, Author: c.User})
	if err != nil {
		c.showError(err)
		return
	}
	s.message.SetText(fmt.Sprintf("flagged slice %d: %s", cur[2], category))
	c.refreshReview(s)
}

// revisionMaps reads the label maps a revision kept.
func revisionMaps(l *store.Loaded, r review.Revision) ([2][]uint8, error) {
	var out [2][]uint8
	for m, name := range []string{store.RegionsFile, store.PartsFile} {
		lm, _, err := nifti.LoadLabels(filepath.Join(r.Path, name), nil)
		if err != nil {
			return out, err
		}
		if err := l.Image.SameAs(lm.Grid, volume.DefaultTolerance); err != nil {
			return out, fmt.Errorf("revision %d: %v", r.ID, err)
		}
		out[m] = lm.Voxels
	}
	return out, nil
}

// compareRevision shows, with the changes overlay, how the current maps
// differ from the ones a revision replaced.
func (c *Controller) compareRevision(s *CaseScreen) {
	p := s.Review
	if p.selRev < 0 || p.selRev >= len(p.revisions) || c.loaded == nil {
		return
	}
	maps, err := revisionMaps(c.loaded, p.revisions[p.selRev])
	if err != nil {
		c.showError(err)
		return
	}
	s.Scene.Layers.Original = maps
	s.Scene.Style.Changes = true
	s.Scene.StyleChanged()
	s.message.SetText("magenta: voxels that differ from the maps before that save (X hides)")
}

// restoreRevision brings back the maps a revision replaced, as one undo
// step.
func (c *Controller) restoreRevision(s *CaseScreen) {
	p := s.Review
	if p.selRev < 0 || p.selRev >= len(p.revisions) || c.loaded == nil || s.Editor == nil {
		return
	}
	r := p.revisions[p.selRev]
	dialog.ShowConfirm("Restore revision", "Put back the label maps as they were before the save of "+
		time.UnixMilli(r.Created).Format("2006-01-02 15:04")+"? (One undo step; save to keep it.)", func(ok bool) {
		if ok {
			c.RestoreRevision(s, r)
		}
	}, c.Window)
}

// RestoreRevision replaces the maps with those a revision kept.
func (c *Controller) RestoreRevision(s *CaseScreen, r review.Revision) {
	maps, err := revisionMaps(c.loaded, r)
	if err == nil {
		err = s.Editor.Session.Replace(fmt.Sprintf("restore revision %d", r.ID), maps[0], maps[1])
	}
	if err != nil {
		c.showError(err)
		return
	}
	s.Scene.InvalidateSlices()
	s.Editor.changed()
}
