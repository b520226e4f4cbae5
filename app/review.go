package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/store/review"
)

// Preference keys of the reviewer's identity and the team database.
const (
	prefUser = "review.user"
	prefDB   = "review.database"
)

// userName is the person working: the preference, else the OS user.
func (c *Controller) userName() string {
	return casework.UserName(c.App.Preferences().String(prefUser))
}

// statusBar offers the status changes the user's role allows, from the
// review state the workspace last read.
func (c *Controller) statusBar(s *CaseScreen) {
	st := s.Case.Review
	if c.Work.Review() == nil || s.Case.Loaded == nil || !st.Known {
		return
	}
	box := s.statusActions
	box.Objects = nil
	role, user := c.Work.Role(), c.Work.User()
	status := st.State.Status
	shown := string(role)
	if shown == "" {
		shown = "no role: an admin grants one"
	}
	if s.Case.Reader != "" {
		// A blind second reader moves nothing (the store refuses it too).
		box.Add(widget.NewLabel(fmt.Sprintf("%s · you: %s, its second reader (reading blind)", s.Case.ID, user)))
		box.Refresh()
		return
	}
	box.Add(widget.NewLabel(fmt.Sprintf("%s · %s · you: %s (%s)", s.Case.ID, status, user, shown) + sliceProgress(s)))
	for _, to := range review.Next(role, status) {
		b := widget.NewButton(actionName(status, to), func() { c.changeStatus(s, status, to) })
		if c.Work.ReadOnly {
			b.Disable() // browsing changes no status
		}
		box.Add(b)
	}
	if by := s.Case.LockedBy; by != "" {
		if by == user {
			box.Add(widget.NewLabel("read-only: you are editing it in another window"))
		} else {
			box.Add(widget.NewLabel("read-only: " + by + " is editing"))
		}
		if role == review.Admin {
			box.Add(widget.NewButton("Break lock…", func() { c.dialogs.breakLock(s.Case.ID) }))
		}
	}
	box.Refresh()
}

func actionName(from, to review.Status) string {
	switch to {
	case review.InProgress:
		if from == review.Returned {
			return "Resume work"
		}
		return "Start annotating"
	case review.Submitted:
		return "Submit for review"
	case review.InReview:
		return "Start review"
	case review.Approved:
		return "Approve"
	case review.Returned:
		return "Return…"
	}
	return string(to)
}

// changeStatus moves the case on screen, asking for the reasons of a
// return and for an override reason when QC errors stand in the way.
func (c *Controller) changeStatus(s *CaseScreen, from, to review.Status) {
	apply := func(reason string) {
		c.Work.Transition(from, to, reason, "", func() {
			c.dialogs.askText("Override", c.overridePrompt(s, to), func(r string) {
				if strings.TrimSpace(r) == "" {
					c.say(fmt.Sprintf("No override reason given: %s stays %s.", s.Case.ID, from))
					return
				}
				c.Work.Transition(from, to, reason, r, nil)
			})
		})
	}
	if to == review.Returned {
		c.dialogs.askText("Return the case", "Reasons:", func(r string) {
			if strings.TrimSpace(r) == "" {
				c.say(fmt.Sprintf("A return needs its reasons: %s stays %s.", s.Case.ID, from))
				return
			}
			apply(r)
		})
		return
	}
	apply("")
}

// statusRow is the status-action bar of the case screen.
func statusRow() *fyne.Container { return container.NewHBox() }
