// Package app is the Fyne desktop application: windows, the case screen
// and dialogs. It is the only package that shows errors to people.
package app

import (
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
)

// ID is the application id (also in FyneApp.toml).
const ID = "org.sarosreview.app"

// Run opens the main window on path (a data set, case folder or NIfTI
// file), or on the built-in demo case when path is "", and blocks until the
// window closes.
func Run(path, version string) error {
	a := fyneapp.NewWithID(ID)
	w := a.NewWindow("SAROS Review")
	s := NewCaseScreen()
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(900, 860))
	go func() {
		c, err := loadStart(path, func(done, total int64) {
			fyne.Do(func() { s.SetProgress(done, total) })
		})
		fyne.Do(func() {
			if err != nil {
				s.progress.Hide()
				s.SetStatus("Could not open " + path)
				dialog.ShowError(err, w)
				return
			}
			s.Show(c)
		})
	}()
	w.ShowAndRun()
	return nil
}

// Case is what the case screen shows.
type Case struct {
	ID      string
	Image   *volume.Image
	Regions *volume.LabelMap // nil when the case has none
}

// loadStart loads the case to start on: the demo phantom, or the first
// case of the data set at path.
func loadStart(path string, progress store.Progress) (*Case, error) {
	if path == "" {
		p, err := assets.NewPhantom(assets.DemoConfig)
		if err != nil {
			return nil, err
		}
		return &Case{ID: "demo", Image: p.Image, Regions: p.Regions}, nil
	}
	ds, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	if len(ds.Cases) == 0 {
		return nil, fmt.Errorf("open %s: the data set has no cases", path)
	}
	l, err := ds.Cases[0].Load(progress)
	if err != nil {
		return nil, err
	}
	return &Case{ID: l.Case.ID, Image: l.Image, Regions: l.Regions}, nil
}

// CaseScreen shows one axial slice of a case with a status line.
type CaseScreen struct {
	img      *canvas.Image
	status   *widget.Label
	progress *widget.ProgressBar
	lut      *viewer.LUT
	rgba     *image.RGBA
	Slice    int
}

// NewCaseScreen makes an empty case screen.
func NewCaseScreen() *CaseScreen {
	s := &CaseScreen{
		img:      canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1))),
		status:   widget.NewLabel("Loading…"),
		progress: widget.NewProgressBar(),
		lut:      viewer.NewLUT(viewer.SoftTissue),
	}
	s.img.FillMode = canvas.ImageFillContain
	s.img.ScaleMode = canvas.ImageScaleFastest
	return s
}

// Content is the screen's canvas object.
func (s *CaseScreen) Content() fyne.CanvasObject {
	return container.NewBorder(nil, container.NewVBox(s.progress, s.status), nil, nil, s.img)
}

// SetProgress shows loading progress.
func (s *CaseScreen) SetProgress(done, total int64) {
	if total > 0 {
		s.progress.SetValue(float64(done) / float64(total))
	}
}

// SetStatus sets the status line.
func (s *CaseScreen) SetStatus(t string) { s.status.SetText(t) }

// Show displays the middle annotated axial slice of c (the middle slice
// when it has no label map).
func (s *CaseScreen) Show(c *Case) {
	s.progress.Hide()
	k, note := c.Image.Dims[2]/2, "no label maps"
	if c.Regions != nil {
		if ks := c.Regions.AnnotatedSlices(); len(ks) > 0 {
			k, note = ks[len(ks)/2], "annotated"
		} else {
			note = "no annotated slices"
		}
	}
	s.Slice = k
	s.rgba = viewer.RenderAxial(s.rgba, c.Image, k, s.lut)
	s.img.Image = s.rgba
	s.img.Refresh()
	w := s.lut.Window()
	s.SetStatus(fmt.Sprintf("%s · axial slice %d of %d (%s) · %s · W%.0f L%.0f",
		c.ID, k, c.Image.Dims[2], note, c.Image.AxCodes(), w.Width, w.Level))
}
