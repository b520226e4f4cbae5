package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// settingsDialog edits who the user is and which database the team uses.
func (c *Controller) settingsDialog() {
	name := widget.NewEntry()
	name.SetText(c.userName())
	db := widget.NewEntry()
	db.SetPlaceHolder("empty: the data set's own SQLite file")
	db.SetText(c.App.Preferences().String(prefDB))
	dialog.ShowForm("Settings", "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Your name", name),
		widget.NewFormItem("Team database", db),
	}, func(ok bool) {
		if !ok {
			return
		}
		c.App.Preferences().SetString(prefUser, strings.TrimSpace(name.Text))
		c.App.Preferences().SetString(prefDB, strings.TrimSpace(db.Text))
		if c.Dataset != nil {
			c.OpenPath(c.Dataset.Root) // reopen with the new identity and database
		}
	}, c.Window)
}

// assignDialog assigns the worklist's selected case (admins, reviewers).
func (c *Controller) assignDialog() {
	if c.Review == nil || c.Worklist == nil || c.Worklist.selected < 0 {
		return
	}
	id := c.Dataset.Cases[c.Worklist.selected].ID
	st, _ := c.Review.Case(context.Background(), id)
	ann, rev := widget.NewEntry(), widget.NewEntry()
	ann.SetText(st.Annotator)
	rev.SetText(st.Reviewer)
	dialog.ShowForm("Assign "+id, "Assign", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Annotator", ann), widget.NewFormItem("Reviewer", rev),
	}, func(ok bool) {
		if !ok {
			return
		}
		for _, n := range []string{ann.Text, rev.Text} {
			if n != "" {
				c.Review.Identify(context.Background(), n)
			}
		}
		if err := c.Review.Assign(context.Background(), c.User, id, strings.TrimSpace(ann.Text), strings.TrimSpace(rev.Text)); err != nil {
			c.showError(err)
			return
		}
		c.Worklist.SetReview(c.Review, c.User)
	}, c.Window)
}

// breakLock frees a case another person holds (admins); the audit log
// records it.
func (c *Controller) breakLock(s *CaseScreen) {
	id := c.loaded.Case.ID
	c.askText("Break the lock of "+id, "Reason:", func(reason string) {
		if err := c.Review.BreakLock(context.Background(), c.User, id, reason); err != nil {
			c.showError(err)
			return
		}
		s.Editor.Session.ReadOnly = c.ReadOnly
		s.lockedBy = ""
		c.takeLock(s)
		s.message.SetText("lock broken; you edit " + id + " now")
		c.statusBar(s)
	})
}

// refreshComments shows the thread and the audit log.
func (c *Controller) refreshComments(s *CaseScreen) {
	if c.Review == nil || c.loaded == nil || s.Review == nil {
		return
	}
	ctx := context.Background()
	id := c.loaded.Case.ID
	var b strings.Builder
	if cs, err := c.Review.Comments(ctx, id); err == nil {
		for _, m := range cs {
			fmt.Fprintf(&b, "%s: %s\n", m.Author, m.Text)
		}
	}
	if b.Len() == 0 {
		b.WriteString("No comments yet.")
	}
	s.Review.comments.SetText(b.String())
	b.Reset()
	if ev, err := c.Review.Audit(ctx, id); err == nil {
		for _, e := range ev {
			fmt.Fprintf(&b, "%s %s %s\n", e.Actor, e.Action, e.Detail)
		}
	}
	s.Review.audit.SetText(b.String())
}
