package app

import (
	"fmt"
	"net/url"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/assets"
)

// Homepage is where the project lives (also FyneApp.toml's Website).
const Homepage = "https://github.com/saros-review/saros-review"

// aboutDialog is Help › About: the icon, the name and version (FyneApp.toml's,
// passed in by main), what the program is for, the platform it was built
// for and the homepage. The version line is selectable text so it can be
// pasted into a bug report.
type aboutDialog struct {
	dialog.Dialog
	// Version is the line naming the program and its version.
	Version *widget.Label
}

// showAbout opens the About dialog over the window.
func (c *Controller) showAbout() *aboutDialog {
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("saros-review.png", assets.IconPNG))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	name := widget.NewLabelWithStyle("SAROS Review "+c.version, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	name.Selectable = true
	home, _ := url.Parse(Homepage)
	link := widget.NewHyperlink(Homepage, home)
	link.Alignment = fyne.TextAlignCenter
	body := container.NewVBox(
		icon,
		name,
		widget.NewLabelWithStyle("Review and correct sparse CT segmentations.", fyne.TextAlignCenter, fyne.TextStyle{}),
		widget.NewLabelWithStyle(fmt.Sprintf("Built with %s for %s/%s", runtime.Version(), runtime.GOOS, runtime.GOARCH), fyne.TextAlignCenter, fyne.TextStyle{Italic: true}),
		link,
	)
	d := &aboutDialog{Dialog: dialog.NewCustom("About SAROS Review", "Close", body, c.Window), Version: name}
	d.Show()
	return d
}
