package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
)

// Slice-review marks on the slice strip.
var (
	// SliceAcceptedColour marks an annotated slice the user accepted.
	SliceAcceptedColour = [3]uint8{40, 200, 70}
	// SliceNeedsFixColour marks an annotated slice the user sent back.
	SliceNeedsFixColour = [3]uint8{220, 20, 60}
)

// sliceReviewKeys are the key-table lines of slice review.
func sliceReviewKeys() []binding {
	return []binding{
		{keys: "Ctrl + Shift + N", does: "review: next annotated slice not reviewed yet", shortcuts: []fyne.Shortcut{ctrl(fyne.KeyN, fyne.KeyModifierShift)},
			act: func(c *Controller, k key) bool { return onScreen(c.nextUnreviewed)(c, k) }},
		{keys: "Ctrl + Shift + A", does: "review: accept the axial slice on screen", shortcuts: []fyne.Shortcut{ctrl(fyne.KeyA, fyne.KeyModifierShift)},
			act: func(c *Controller, k key) bool { return onScreen(c.acceptSlice)(c, k) }},
		{keys: "Ctrl + Shift + X", does: "review: the axial slice on screen needs a fix (comment)", shortcuts: []fyne.Shortcut{ctrl(fyne.KeyX, fyne.KeyModifierShift)},
			act: func(c *Controller, k key) bool { return onScreen(c.needsFixDialog)(c, k) }},
	}
}

// reviewable says whether slice review works on the case on screen, and
// says why not on the message line.
func (c *Controller) reviewable(s *CaseScreen) bool {
	if c.Work.Review() == nil || s.Case.Loaded == nil || !s.Case.Slices.Known {
		s.message.SetText("Slice review needs a data set with a review store.")
		return false
	}
	return true
}

// screenSlice is the axial slice on screen when it is annotated.
func (c *Controller) screenSlice(s *CaseScreen) (int, bool) {
	k := s.Scene.Cursor()[2]
	if _, ok := s.Case.Slices.State(k); !ok {
		s.message.SetText("Slice review: this axial slice is not annotated ([ and ] step to one).")
		return k, false
	}
	return k, true
}

// nextUnreviewed moves the cursor to the next annotated slice the user
// has not reviewed.
func (c *Controller) nextUnreviewed(s *CaseScreen) {
	if !c.reviewable(s) {
		return
	}
	cur := s.Scene.Cursor()
	k, ok := c.Work.NextUnreviewed(cur[2])
	if !ok {
		s.message.SetText("Every annotated slice is reviewed: " + s.Case.Slices.Progress.String())
		return
	}
	cur[2] = k
	s.Scene.SetCursor(cur)
}

// acceptSlice accepts the axial slice on screen.
func (c *Controller) acceptSlice(s *CaseScreen) {
	if !c.reviewable(s) {
		return
	}
	if k, ok := c.screenSlice(s); ok {
		c.Work.AcceptSlice(k)
	}
}

// needsFixDialog asks what to fix on the axial slice on screen.
func (c *Controller) needsFixDialog(s *CaseScreen) {
	if !c.reviewable(s) {
		return
	}
	k, ok := c.screenSlice(s)
	if !ok {
		return
	}
	c.dialogs.askText("Slice needs a fix", "What to fix:", func(r string) {
		if r != "" {
			c.Work.NeedsFix(k, r)
		}
	})
}

// sliceReviewMarks adds the user's slice-review marks to the strip's.
func sliceReviewMarks(s *CaseScreen) {
	prev := s.Strip.Marks
	s.Strip.Marks = func() []viewer.StripMark {
		var out []viewer.StripMark
		if prev != nil {
			out = prev()
		}
		for _, r := range s.Case.Slices.Slices {
			switch r.State {
			case review.Accepted:
				out = append(out, viewer.StripMark{Slice: r.Slice, Colour: SliceAcceptedColour})
			case review.NeedsFix:
				out = append(out, viewer.StripMark{Slice: r.Slice, Colour: SliceNeedsFixColour})
			}
		}
		return out
	}
}

// sliceProgress is the status bar's " · 37 of 46 slices reviewed" (with
// " (2 to fix)" when some need fixing; "" when the slice reviews are not
// known).
func sliceProgress(s *CaseScreen) string {
	p := s.Case.Slices.Progress
	if !s.Case.Slices.Known || p.Annotated == 0 {
		return ""
	}
	if p.NeedsFix > 0 {
		return fmt.Sprintf(" · %s (%d to fix)", p, p.NeedsFix)
	}
	return " · " + p.String()
}

// slicesReviewed shows a change of the user's slice reviews.
func (c *Controller) slicesReviewed(s *CaseScreen, text string) {
	if text != "" {
		c.say(text)
	}
	c.statusBar(s)
	s.Strip.Refresh()
}

// overridePrompt says what stands in the way of moving the case on screen
// to status to (QC errors; for an approval, the annotated slices the user
// has not accepted), on the message line too, and asks for a reason.
func (c *Controller) overridePrompt(s *CaseScreen, to review.Status) string {
	var why []string
	if n := s.Case.Review.State.QCErrors; n > 0 {
		why = append(why, fmt.Sprintf("%d QC errors", n))
	}
	if p := s.Case.Slices.Progress; to == review.Approved && p.Accepted < p.Annotated {
		why = append(why, fmt.Sprintf("%d of %d annotated slices not accepted", p.Annotated-p.Accepted, p.Annotated))
	}
	text := "Cannot move to " + string(to)
	if len(why) > 0 {
		text += ": " + strings.Join(why, ", ")
	}
	c.say(text)
	return text + ". Reason for going on anyway:"
}
