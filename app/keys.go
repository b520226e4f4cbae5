package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Keys lists every key and mouse action, as the help overlay shows them.
var Keys = [][2]string{
	{"Mouse wheel", "previous / next slice of the view under the pointer"},
	{"Ctrl + wheel", "zoom about the pointer"},
	{"Click, drag", "move the cursor (all views follow)"},
	{"Middle drag, Space + drag", "pan"},
	{"Right drag", "window (left/right) and level (up/down)"},
	{"Page Up / Page Down", "next / previous slice"},
	{"Arrow keys", "move the cursor in the view"},
	{"[ and ]", "previous / next annotated axial slice"},
	{"1 to 5", "window: soft tissue, abdomen, lung, bone, brain"},
	{"S", "label overlays on / off"},
	{"A / D", "overlay opacity down / up"},
	{"O", "regions as outline / filled"},
	{"C", "crosshairs on / off"},
	{"Home", "fit every view to its pane"},
	{"F", "flag the slice at the cursor (category, comment); see the Flags tab"},
	{"L", "next layout (main + 2, three in a row, single)"},
	{"M", "make the active view the main view"},
	{"N B E G P T R", "tool: navigate, brush, eraser, fill, polygon, threshold brush, relabel component"},
	{"+ / -", "brush radius up / down by 1 mm"},
	{"X", "show the changes since the case was opened"},
	{"Q", "QC findings (Edit › Run QC runs it again; it also runs on every save)"},
	{"Ctrl + click", "pick the region and part under the pointer as the active labels"},
	{"Enter / Escape", "close and fill / cancel the polygon being drawn"},
	{"Ctrl + Z, Ctrl + Y", "undo, redo (one step per stroke; the Edit menu names them)"},
	{"Ctrl + S", "save both label maps (the previous version is kept)"},
	{"Ctrl + Page Down / Up", "next / previous case of the data set"},
	{"Ctrl + O", "open a data set folder"},
	{"Escape", "back to the worklist"},
	{"? or F1", "this help"},
}

// showHelp opens the key overlay over w.
func showHelp(w fyne.Window) dialog.Dialog {
	grid := container.NewGridWithColumns(2)
	for _, k := range Keys {
		grid.Add(widget.NewLabelWithStyle(k[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(k[1]))
	}
	d := dialog.NewCustom("Keys", "Close", container.NewVScroll(grid), w)
	d.Resize(fyne.NewSize(720, 640))
	d.Show()
	return d
}
