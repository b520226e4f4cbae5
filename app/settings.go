package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/store/review"
)

// settings edits the display name and which database the team uses, in
// prefs, and reopens the data set with them. Who the user is comes from
// the review store (its login), never from the name typed here.
func (d *dialogs) settings(prefs fyne.Preferences) {
	name := widget.NewEntry()
	name.SetText(casework.UserName(prefs.String(prefUser)))
	db := widget.NewEntry()
	db.SetPlaceHolder("empty: the data set's own SQLite file")
	db.SetText(prefs.String(prefDB))
	who := "the database login (PostgreSQL) or your operating system user (SQLite)"
	if u := d.work.User(); d.work.Review() != nil && u != "" {
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
		prefs.SetString(prefUser, strings.TrimSpace(name.Text))
		prefs.SetString(prefDB, strings.TrimSpace(db.Text))
		if ds := d.work.Dataset(); ds != nil {
			d.open(ds.Root) // reopen with the new identity and database
		}
	}, d.win)
}

// assign assigns case id (admins, reviewers); done runs once the store
// has it.
func (d *dialogs) assign(id string, done func()) {
	d.work.CaseState(id, func(st review.CaseState) {
		d.work.SecondReader(id, func(second string) {
			ann, rev, sec := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
			ann.SetText(st.Annotator)
			rev.SetText(st.Reviewer)
			sec.SetText(second)
			showWideForm("Assign "+id, "Assign", []*widget.FormItem{
				widget.NewFormItem("Annotator", ann), widget.NewFormItem("Reviewer", rev),
				widget.NewFormItem("Second reader", sec),
			}, func(ok bool) {
				if ok {
					d.work.Assign(id, review.Assignment{Annotator: strings.TrimSpace(ann.Text), Reviewer: strings.TrimSpace(rev.Text),
						SecondReader: strings.TrimSpace(sec.Text)}, done)
				}
			}, d.win)
		})
	})
}

// breakLock frees case id another person holds (admins); the audit log
// records it with the reason asked for.
func (d *dialogs) breakLock(id string) {
	d.askText("Break the lock of "+id, "Reason:", d.work.BreakLock)
}

// markSlice asks for the reason and marks the cursor's slice not
// annotated in both maps.
func (d *dialogs) markSlice(ed *Editor) {
	reason := widget.NewSelectEntry([]string{"metal artefact (teeth)", "metal artefact (hip implant)", "motion", "outside the scan", "other"})
	reason.SetText("metal artefact (teeth)")
	showWideForm("Mark slice not annotated", "Mark",
		[]*widget.FormItem{widget.NewFormItem("Reason", reason)}, func(ok bool) {
			if ok {
				ed.MarkSlice(reason.Text)
			}
		}, d.win)
}

// flag flags the cursor's slice of case screen s (and voxel and region
// label).
func (d *dialogs) flag(s *CaseScreen) {
	if d.work.Review() == nil || s.Case.Loaded == nil {
		s.message.SetText("Flags need a data set with a review store.")
		return
	}
	if s.Case.Reader != "" {
		s.message.SetText("You read " + s.Case.ID + " blind as its second reader: its flags are about the first reader's maps, which you do not see.")
		return
	}
	cat := widget.NewSelect([]string{review.WrongLabel, review.MissedStructure, review.Artefact, review.Laterality, review.Other}, nil)
	cat.SetSelectedIndex(0)
	comment := noteEntry("what is wrong here")
	cur := s.Scene.Cursor()
	showWideForm(fmt.Sprintf("Flag slice %d at (%d, %d)", cur[2], cur[0], cur[1]), "Flag",
		[]*widget.FormItem{widget.NewFormItem("Category", cat), widget.NewFormItem("Comment", comment)}, func(ok bool) {
			if ok {
				d.work.AddFlag(s.Scene.Cursor(), cat.Selected, comment.Text)
			}
		}, d.win)
}
