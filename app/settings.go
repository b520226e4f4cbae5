package app

import (
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/store/review"
)

// settingsDialog edits the display name and which database the team
// uses. Who the user is comes from the review store (its login), never
// from the name typed here.
func (c *Controller) settingsDialog() {
	name := widget.NewEntry()
	name.SetText(c.userName())
	db := widget.NewEntry()
	db.SetPlaceHolder("empty: the data set's own SQLite file")
	db.SetText(c.App.Preferences().String(prefDB))
	who := "the database login (PostgreSQL) or your operating system user (SQLite)"
	if u := c.Work.User(); c.Work.Review() != nil && u != "" {
		who = u + ", as the review store knows you"
	}
	nameItem := widget.NewFormItem("Display name", name)
	nameItem.HintText = "for display only; you act as " + who
	dialog.ShowForm("Settings", "Save", "Cancel", []*widget.FormItem{
		nameItem,
		widget.NewFormItem("Team database", db),
	}, func(ok bool) {
		if !ok {
			return
		}
		c.App.Preferences().SetString(prefUser, strings.TrimSpace(name.Text))
		c.App.Preferences().SetString(prefDB, strings.TrimSpace(db.Text))
		if ds := c.Work.Dataset(); ds != nil {
			c.OpenPath(ds.Root) // reopen with the new identity and database
		}
	}, c.Window)
}

// assignDialog assigns the worklist's selected case (admins, reviewers).
func (c *Controller) assignDialog() {
	if c.Work.Review() == nil || c.Worklist == nil || c.Worklist.selected < 0 {
		return
	}
	id := c.Work.Dataset().Cases[c.Worklist.selected].ID
	c.Work.CaseState(id, func(st review.CaseState) {
		ann, rev := widget.NewEntry(), widget.NewEntry()
		ann.SetText(st.Annotator)
		rev.SetText(st.Reviewer)
		dialog.ShowForm("Assign "+id, "Assign", "Cancel", []*widget.FormItem{
			widget.NewFormItem("Annotator", ann), widget.NewFormItem("Reviewer", rev),
		}, func(ok bool) {
			if ok {
				c.Work.Assign(id, strings.TrimSpace(ann.Text), strings.TrimSpace(rev.Text), c.refreshWorklist)
			}
		}, c.Window)
	})
}

// breakLock frees a case another person holds (admins); the audit log
// records it.
func (c *Controller) breakLock(s *CaseScreen) {
	c.dialogs.askText("Break the lock of "+s.Case.ID, "Reason:", c.Work.BreakLock)
}
