package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/viewer/sliceview"
	"github.com/saros-review/saros-review/volume"
)

// loadPreview is the loading screen once a case's CT is read and its
// label maps are not: the CT's middle axial slice in the view settings of
// the case screen, with the progress bar and Cancel above it. The case
// screen replaces it when the maps are in.
type loadPreview struct {
	content fyne.CanvasObject
	view    *sliceview.SliceView
}

// newLoadPreview makes the preview of case id's image img.
func (c *Controller) newLoadPreview(id string, img *volume.Image, bar *widget.ProgressBar, stop *widget.Button) *loadPreview {
	scene := sliceview.NewScene(viewer.Layers{Image: img}, loadStyle(c.App.Preferences()))
	v := sliceview.New(scene, viewer.Axial)
	v.OnFrame = func(time.Duration) { c.trace.pictureOf(id) }
	top := container.NewHBox(widget.NewLabel("Reading the labels of "+id+" …"),
		container.NewGridWrap(fyne.NewSize(300, 36), bar), stop)
	return &loadPreview{content: container.NewBorder(top, nil, nil, nil, v), view: v}
}
