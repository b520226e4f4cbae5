package app

import (
	"fyne.io/fyne/v2"

	"github.com/saros-review/saros-review/viewer"
)

// Undo reverts the last edit of the case on screen.
func (c *Controller) Undo() {
	if c.Screen != nil && c.Screen.Editor != nil && !c.Work.ReadOnly {
		c.Screen.Editor.Undo()
	}
}

// Redo re-applies the last undone edit.
func (c *Controller) Redo() {
	if c.Screen != nil && c.Screen.Editor != nil && !c.Work.ReadOnly {
		c.Screen.Editor.Redo()
	}
}

// refreshEditMenu names the undo and redo steps in the Edit menu.
func (c *Controller) refreshEditMenu() {
	if c.shell.editMenu == nil {
		return
	}
	undo, redo := "Undo", "Redo"
	if c.Screen != nil && c.Screen.Editor != nil {
		u, r := c.Screen.Editor.StepNames()
		if u != "" {
			undo += " " + u
		}
		if r != "" {
			redo += " " + r
		}
	}
	changes := fyne.NewMenuItem("Show changes since last save", c.toggleChanges)
	changes.Checked = c.Screen != nil && c.Screen.Scene.ChangesShown()
	ro := fyne.NewMenuItem("Read-only", func() { c.SetReadOnly(!c.Work.ReadOnly) })
	ro.Checked = c.Work.ReadOnly
	c.shell.editMenu.Items = []*fyne.MenuItem{
		fyne.NewMenuItem(undo+"  (Ctrl+Z)", c.Undo),
		fyne.NewMenuItem(redo+"  (Ctrl+Y)", c.Redo),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Save  (Ctrl+S)", c.Save),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Mark slice not annotated…", func() {
			if c.Screen != nil && c.Screen.Editor != nil {
				c.dialogs.markSlice(c.Screen.Editor)
			}
		}),
		fyne.NewMenuItem("Restore slice as annotated", func() {
			if c.Screen != nil && c.Screen.Editor != nil {
				c.Screen.Editor.RestoreSlice()
			}
		}),
		fyne.NewMenuItem("Derive body parts for this slice…", func() { c.deriveParts(false) }),
		fyne.NewMenuItem("Derive body parts for all slices…", func() { c.deriveParts(true) }),
		fyne.NewMenuItem("Mark L3 on this slice", c.markL3),
		fyne.NewMenuItem("Clean specks…", c.cleanSpecksDialog),
		fyne.NewMenuItem("Relabel confirmation size…", c.relabelLimitDialog),
		changes,
		ro,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Run QC", func() {
			c.RunQC()
			if c.Screen != nil {
				c.Screen.ShowQC()
			}
		}),
	}
	c.shell.editMenu.Refresh()
}

// toggleChanges shows or hides the voxels changed since the last save.
func (c *Controller) toggleChanges() {
	if s := c.Screen; s != nil {
		on := !s.Scene.ChangesShown()
		s.Scene.UpdateStyle(func(st *viewer.Style) { st.Changes = on })
		s.showOriginals()
		c.refreshEditMenu()
	}
}
