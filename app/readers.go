package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/casework"
)

// readersRow is the History tab's double-reading row: a second reader
// sees that their maps are kept apart; others may compare the readers and
// take the second reader's maps.
func (c *Controller) readersRow(s *CaseScreen) fyne.CanvasObject {
	if s.Case.Reader != "" {
		l := widget.NewLabel("You are the second reader and read this case blind: you see the proposal (or your own saved reading), not the first reader's maps, flags, comments or history; your saves are kept apart from the case's maps.")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	return container.NewHBox(
		widget.NewButton("Compare readers", func() { c.compareReaders(s) }),
		widget.NewButton("Take second reader's maps…", func() { c.takeReaderMaps(s) }))
}

// compareReaders shows, in the Compare tab, the case's maps scored
// against the second reader's, and records the readers' agreement.
func (c *Controller) compareReaders(s *CaseScreen) {
	c.Work.CompareReaders(func(cmp *casework.Comparison) {
		if c.Screen == s {
			c.compareFor(s).show(cmp)
		}
	})
}

// takeReaderMaps asks, then replaces the case's maps with the second
// reader's by a save (the history keeps the maps replaced).
func (c *Controller) takeReaderMaps(s *CaseScreen) {
	dialog.ShowConfirm("Take second reader's maps",
		fmt.Sprintf("Save the second reader's maps as the maps of %s? The maps replaced are kept in its history.", s.Case.ID),
		func(ok bool) {
			if ok && c.Screen == s {
				c.Work.TakeReaderMaps(func(err error) {
					if err != nil {
						c.showError(err)
					}
				})
			}
		}, c.Window)
}
