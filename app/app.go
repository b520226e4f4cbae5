// Package app is the Fyne desktop application: the window, the worklist,
// the case screen, menus, keys, dialogs and preferences. It is the only
// package that shows errors to people. The open case is a
// casework.Workspace: widgets read it and send it intents, and the
// controller turns its events into what the window shows.
package app

import (
	"context"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/casework"
)

// ID is the application id (also in FyneApp.toml).
const ID = "org.sarosreview.app"

// Run opens the main window on path (a data set, case folder or NIfTI
// file), or on the built-in demo case when path is "", and blocks until
// the window closes.
func Run(path, version string, readOnly bool) error {
	a := fyneapp.NewWithID(ID)
	a.SetIcon(fyne.NewStaticResource("saros-review.png", assets.IconPNG))
	c := NewController(a, version)
	c.Work.ReadOnly = readOnly
	c.Start(path)
	c.Window.ShowAndRun()
	c.trace.summary()
	return nil
}

// Controller owns the window and moves between the worklist and cases;
// the data set, the review session and the open case are its Work.
type Controller struct {
	App     fyne.App
	Window  fyne.Window
	version string
	// Work is the model: data set, review session, open case.
	Work     *casework.Workspace
	Worklist *Worklist
	Screen   *CaseScreen // nil while no case is shown
	Current  int         // index of the case shown in the data set's cases, −1 for none or the demo

	dialogs *dialogs
	dsQC    *datasetQC // background QC of the data set's cases
	shell   shell
	loading
	trace *tracer
}

// loading is the case being read: how to cancel it, its CT shown while its
// labels are read, and the next case read ahead.
type loading struct {
	loadCancel context.CancelFunc
	preview    *loadPreview // the CT of the case being loaded, its labels not yet read
	pre        *prefetch
}

// shell is the window's own furniture: the message line under screens
// other than a case's, the Edit menu and the help overlay.
type shell struct {
	line     *textLine // cut to one line; a click shows the full texts
	editMenu *fyne.Menu
	help     dialog.Dialog
	// refreshStyle sets the View menu's hatching check marks.
	refreshStyle func()
	labView      *LabReportView // the lab report last shown
}

// NewController makes the window with its menus and keys.
func NewController(a fyne.App, version string) *Controller {
	return newController(a, version, fyne.Do, 0)
}

// newController makes a controller whose UI-thread callbacks run through
// do, with review-store calls bounded by timeout (0: the default).
func newController(a fyne.App, version string, do func(func()), timeout time.Duration) *Controller {
	c := &Controller{App: a, version: version, Current: -1, loading: loading{pre: &prefetch{index: -1}}}
	c.Work = casework.New(casework.Options{Do: do, Timeout: timeout})
	c.Work.Subscribe(c.event)
	c.dialogs = &dialogs{work: c.Work, open: c.OpenPath, fail: c.showError, say: c.say}
	c.shell.line = newTextLine(20)
	c.Window = a.NewWindow("SAROS Review")
	c.dialogs.win = c.Window
	c.Window.Resize(fyne.NewSize(1400, 900))
	c.Window.SetMainMenu(c.menu())
	c.setContent(c.welcome("Loading…"))
	c.keys()
	c.Window.SetCloseIntercept(func() { c.leave(c.Window.Close) })
	c.startAutosave()
	if os.Getenv("SAROS_REVIEW_TRACE") != "" {
		c.trace = &tracer{}
	}
	return c
}

// welcome is a screen with a line of text in its middle; a long text
// (a long path) is cut rather than widening the window.
func (c *Controller) welcome(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{})
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(layout.NewSpacer(), l, layout.NewSpacer())
}

// setContent shows a screen other than a case's, with the message line
// under it.
func (c *Controller) setContent(o fyne.CanvasObject) {
	c.Window.SetContent(container.NewBorder(nil, c.shell.line, nil, nil, o))
}

// say writes a line on the message line of the screen shown.
func (c *Controller) say(text string) {
	if c.Screen != nil {
		c.Screen.message.SetText(text)
		return
	}
	c.shell.line.SetText(text)
}

// saveFile asks for a file to write (see dialogs.saveFile).
func (c *Controller) saveFile(title, name, kind, ext string, then func(path string)) {
	c.dialogs.saveFile(title, name, kind, ext, then)
}

// showError shows err on the message line and in a dialog: for what the
// user asked for and must not miss.
func (c *Controller) showError(err error) {
	c.say(err.Error())
	dialog.ShowError(err, c.Window)
}

// Start opens path, or the demo case when path is "".
func (c *Controller) Start(path string) {
	if path == "" {
		c.Work.Go(func() func() {
			p, err := assets.NewPhantom(assets.DemoConfig)
			return func() {
				if err != nil {
					c.showError(err)
					return
				}
				c.Current = -1
				c.showCase(casework.NewCase("demo", viewerLayers(p), nil))
			}
		})
		return
	}
	c.OpenPath(path)
}
