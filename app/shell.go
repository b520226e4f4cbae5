package app

import (
	"fmt"

	"fyne.io/fyne/v2"

	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/viewer/sliceview"
)

// menu builds the window's menus.
func (c *Controller) menu() *fyne.MainMenu {
	file := fyne.NewMenu("File",
		fyne.NewMenuItem("Open data set folder…", c.dialogs.openFolder),
		fyne.NewMenuItem("Open NIfTI file…", c.dialogs.openFile),
		fyne.NewMenuItem("Import DICOM series…", func() { c.dialogs.importDICOM(c.ImportDICOM) }),
		fyne.NewMenuItem("Write demo data set…", c.dialogs.writeDemo),
		fyne.NewMenuItem("Settings (name, team database)…", func() { c.dialogs.settings(c.App.Preferences()) }),
		fyne.NewMenuItem("Users (admins)…", c.usersDialog),
		fyne.NewMenuItem("Lab report…", c.labReport),
		fyne.NewMenuItem("Compare with…", c.compareCurrent),
		fyne.NewMenuItem("Worklist", c.ShowWorklist),
		fyne.NewMenuItem("Next case", func() { c.NextCase(1) }),
		fyne.NewMenuItem("Previous case", func() { c.NextCase(-1) }),
	)
	view := fyne.NewMenu("View")
	for m := MainPlusTwo; m <= SingleView; m++ {
		view.Items = append(view.Items, fyne.NewMenuItem("Layout: "+m.String(), func() {
			if c.Screen != nil {
				_, main := c.Screen.Layout()
				c.Screen.SetLayout(m, main)
			}
		}))
	}
	for i, p := range viewer.Presets {
		view.Items = append(view.Items, fyne.NewMenuItem(fmt.Sprintf("Window: %s (%d)", p.Name, i+1), func() {
			if c.Screen != nil {
				c.Screen.Scene.SetPreset(i)
			}
		}))
	}
	view.Items = append(view.Items, fyne.NewMenuItemSeparator())
	view.Items = append(view.Items, c.styleMenuItems(view)...)
	c.shell.editMenu = fyne.NewMenu("Edit")
	c.refreshEditMenu()
	onScene := func(f func(*sliceview.Scene, bool), regions bool) func() {
		return func() {
			if c.Screen != nil {
				f(c.Screen.Scene, regions)
			}
		}
	}
	labels := fyne.NewMenu("Labels",
		fyne.NewMenuItem("Export region labels for ITK-SNAP…", onScene(c.dialogs.exportLabels, true)),
		fyne.NewMenuItem("Export part labels for ITK-SNAP…", onScene(c.dialogs.exportLabels, false)),
		fyne.NewMenuItem("Import region label colours from ITK-SNAP…", onScene(c.dialogs.importLabels, true)),
		fyne.NewMenuItem("Import part label colours from ITK-SNAP…", onScene(c.dialogs.importLabels, false)),
	)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keys (?)", c.ShowHelp),
		fyne.NewMenuItem("About SAROS Review", func() { c.showAbout() }),
	)
	return fyne.NewMainMenu(file, c.shell.editMenu, view, labels, help)
}
