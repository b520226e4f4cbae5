package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/store/review"
)

// roles are the roles an admin may grant, in the order offered.
var roles = []string{string(review.Annotator), string(review.Reviewer), string(review.Radiologist), string(review.Admin)}

// usersDialog lists the review store's logins and their roles and lets an
// admin grant and revoke roles (File › Users…). The store decides who may:
// it acts as its login, whatever name Settings shows.
func (c *Controller) usersDialog() {
	if c.Work.Review() == nil {
		c.say("Users: open a data set with a review store first.")
		return
	}
	if c.Work.Role() != review.Admin {
		c.say("Users: only an admin grants roles; you are " + c.Work.User() + " (" + roleName(c.Work.Role()) + ").")
		return
	}
	c.Work.Users(func(users []review.User) { c.showUsers(users) })
}

// showUsers is the dialog of usersDialog, showing users.
func (c *Controller) showUsers(users []review.User) {
	var d dialog.Dialog
	reopen := func() {
		d.Hide()
		c.usersDialog()
	}
	rows := container.NewVBox()
	for _, u := range users {
		revoke := widget.NewButton("Revoke", func() { c.Work.Revoke(u.Login, reopen) })
		if u.Login == c.Work.User() {
			revoke.Disable() // another admin must
		}
		rows.Add(container.NewBorder(nil, nil, nil, revoke, widget.NewLabel(u.Login+" · "+string(u.Role))))
	}
	login := widget.NewEntry()
	login.SetPlaceHolder("database login (PostgreSQL) or OS user (SQLite)")
	role := widget.NewSelect(roles, nil)
	role.SetSelected(string(review.Annotator))
	grant := widget.NewButton("Grant", func() {
		if l := strings.TrimSpace(login.Text); l != "" {
			c.Work.Grant(l, review.Role(role.Selected), reopen)
		}
	})
	grant.Importance = widget.HighImportance
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(420, 200))
	content := container.NewBorder(nil, container.NewVBox(widget.NewLabel("Grant a role:"),
		container.NewBorder(nil, nil, nil, container.NewHBox(role, grant), login),
		widget.NewButton("Close", func() { d.Hide() })), nil, nil, scroll)
	d = dialog.NewCustomWithoutButtons("Users of the review store", content, c.Window)
	d.Show()
}

// roleName is a role for messages ("no role" for none).
func roleName(r review.Role) string {
	if r == "" {
		return "no role"
	}
	return string(r)
}
