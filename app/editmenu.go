package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
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
		fyne.NewMenuItem("Mark slice not annotated…", c.markSliceDialog),
		fyne.NewMenuItem("Restore slice as annotated", func() {
			if c.Screen != nil && c.Screen.Editor != nil {
				c.Screen.Editor.RestoreSlice()
			}
		}),
		fyne.NewMenuItem("Derive body parts for this slice…", func() { c.deriveParts(false) }),
		fyne.NewMenuItem("Derive body parts for all slices…", func() { c.deriveParts(true) }),
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
		s.Scene.Style.Changes = !s.Scene.ChangesShown()
		s.showOriginals()
		s.Scene.StyleChanged()
		c.refreshEditMenu()
	}
}

// markSliceDialog asks for the reason and marks the cursor's slice not
// annotated in both maps.
func (c *Controller) markSliceDialog() {
	if c.Screen == nil || c.Screen.Editor == nil {
		return
	}
	reason := widget.NewSelectEntry([]string{"metal artefact (teeth)", "metal artefact (hip implant)", "motion", "outside the scan", "other"})
	reason.SetText("metal artefact (teeth)")
	showWideForm("Mark slice not annotated", "Mark",
		[]*widget.FormItem{widget.NewFormItem("Reason", reason)}, func(ok bool) {
			if ok {
				c.Screen.Editor.MarkSlice(reason.Text)
			}
		}, c.Window)
}
