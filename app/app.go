// Package app is the Fyne desktop application: the window, the worklist,
// the case screen, menus, keys, dialogs and preferences. It is the only
// package that shows errors to people.
package app

import (
	"context"

	"fmt"
	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/qc"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume/dicom"
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
	c.ReadOnly = readOnly
	c.Start(path)
	c.Window.ShowAndRun()
	c.traceSummary()
	return nil
}

// Controller owns the window and moves between the worklist and cases.
type Controller struct {
	App     fyne.App
	Window  fyne.Window
	version string

	Dataset  *store.Dataset
	Worklist *Worklist
	Screen   *CaseScreen // nil while no case is shown
	Current  int         // index of the case shown in Dataset.Cases, −1 for none or the demo

	// ReadOnly is browsing mode: no tool acts, nothing is written.
	ReadOnly bool

	// Review is the data set's review store (nil for the demo or when it
	// could not be opened); User and Role say who is working.
	Review     *review.Store
	User       string
	Role       review.Role
	lockedCase string
	stopRenew  func()

	loaded      *store.Loaded    // the case on screen, nil for the demo
	saving      bool             // a save is under way
	autosavedAt *annotate.Commit // save point of the last autosave
	strokes     int              // edits since the case opened
	editMenu    *fyne.Menu
	loadCancel  context.CancelFunc
	openStart   time.Time // when the case being opened was asked for (tracing)
	prefetched  bool
	pre         *prefetch
	help        dialog.Dialog
	// OnShown and OnWorklist, when set, are called after a case screen or
	// the worklist is shown (tests).
	OnShown    func(*CaseScreen)
	OnWorklist func(*Worklist)
	// OnSaved, when set, is called when a save has finished; OnQC when QC
	// has run (tests).
	OnSaved func(error)
	OnQC    func([]qc.Finding)
	tracer  *tracer
}

// NewController makes the window with its menus and keys.
func NewController(a fyne.App, version string) *Controller {
	c := &Controller{App: a, version: version, Current: -1, pre: &prefetch{index: -1}}
	c.Window = a.NewWindow("SAROS Review")
	c.Window.Resize(fyne.NewSize(1400, 900))
	c.Window.SetMainMenu(c.menu())
	c.Window.SetContent(c.welcome("Loading…"))
	c.keys()
	c.Window.SetCloseIntercept(func() { c.leave(c.Window.Close) })
	c.startAutosave()
	if os.Getenv("SAROS_REVIEW_TRACE") != "" {
		c.tracer = &tracer{}
	}
	return c
}

func (c *Controller) welcome(text string) fyne.CanvasObject {
	return container.NewCenter(widget.NewLabel(text))
}

// Start opens path, or the demo case when path is "".
func (c *Controller) Start(path string) {
	if path == "" {
		go func() {
			p, err := assets.NewPhantom(assets.DemoConfig)
			do(func() {
				if err != nil {
					c.showError(err)
					return
				}
				c.Current = -1
				c.showCase(&Case{ID: "demo", Layers: viewer.Layers{Image: p.Image, Regions: p.Regions, Parts: p.Parts}}, nil)
			})
		}()
		return
	}
	c.OpenPath(path)
}

// OpenPath opens a data set folder (worklist), a case folder or a NIfTI
// file (straight to the case), after asking about unsaved edits.
func (c *Controller) OpenPath(path string) { c.leave(func() { c.openPath(path, "") }) }

// openPath opens path; when it is a data set folder and caseID names one
// of its cases, that case instead of the worklist. A DICOM file, or a
// folder of DICOM files that is not a data set, is offered for import.
func (c *Controller) openPath(path, caseID string) {
	st, statErr := os.Stat(path)
	if statErr == nil && !st.IsDir() && dicom.IsFile(path) {
		c.releaseLock()
		c.Window.SetContent(c.welcome("DICOM file " + path))
		c.ImportDICOMFile(path)
		return
	}
	c.releaseLock()
	c.Window.SetContent(c.welcome("Opening " + path + " …"))
	go func() {
		ds, err := store.Open(path)
		var rv *review.Store
		var role review.Role
		var rerr error
		if err == nil {
			rv, role, rerr = c.openReview(ds)
		}
		var series []*dicom.Series // when path is a folder of DICOM files
		var skipped int
		var warn []string
		// Only when a look at its first files finds DICOM: the folder may be
		// anything, a home folder opened by mistake included.
		if err != nil && statErr == nil && st.IsDir() && dicom.Holds(path, 2000) {
			if all, n, w, derr := dicom.Scan(path); derr == nil && len(all) > 0 {
				series, skipped, warn = all, n, w
			}
		}
		do(func() {
			if series != nil {
				c.Window.SetContent(c.welcome("DICOM series in " + path))
				c.pickSeries(path, series, skipped, warn, "")
				return
			}
			if err != nil {
				c.Window.SetContent(c.welcome("Could not open " + path))
				c.showError(err)
				return
			}
			c.setDataset(ds)
			if c.Review != nil {
				c.Review.Close()
			}
			c.Review, c.Role, c.User = rv, role, c.userName()
			if rerr != nil {
				c.showError(fmt.Errorf("review store (status, flags, history are off): %w", rerr))
			}
			c.Worklist.SetReview(c.Review, c.User)
			if ds.Kind == store.DatasetFolder {
				for i, k := range ds.Cases {
					if caseID != "" && k.ID == caseID {
						c.OpenCase(i)
						return
					}
				}
				c.ShowWorklist()
				return
			}
			c.OpenCase(0)
		})
	}()
}

func (c *Controller) setDataset(ds *store.Dataset) {
	c.pre.drop()
	c.Dataset = ds
	c.Worklist = NewWorklist(ds)
	c.Worklist.OnOpen = c.OpenCase
	c.Worklist.OnAssign = c.assignDialog
	c.Window.SetTitle("SAROS Review — " + ds.Root)
}

// ShowWorklist shows the data set's table of cases, after asking about
// unsaved edits.
func (c *Controller) ShowWorklist() { c.leave(c.showWorklist) }

func (c *Controller) showWorklist() {
	c.releaseLock()
	if c.Worklist == nil {
		return
	}
	c.Worklist.SetReview(c.Review, c.User)
	c.Screen, c.loaded = nil, nil
	c.updateTitle()
	c.Window.SetContent(c.Worklist.Content())
	if c.Current >= 0 {
		c.Worklist.Select(c.Current)
	}
	if c.OnWorklist != nil {
		c.OnWorklist(c.Worklist)
	}
}

// OpenCase loads case i of the data set in the background with a progress
// bar and a Cancel button, and shows it. A case prefetched while the
// previous one was open shows at once.
func (c *Controller) OpenCase(i int) {
	if c.Dataset == nil || i < 0 || i >= len(c.Dataset.Cases) {
		return
	}
	if c.loadCancel != nil {
		c.loadCancel()
	}
	c.releaseLock()
	c.openStart = time.Now()
	cs := c.Dataset.Cases[i]
	if l, ok := c.pre.take(i); ok {
		c.Current, c.prefetched = i, true
		c.showCase(caseOf(l), l)
		return
	}
	c.prefetched = false
	ctx, cancel := context.WithCancel(context.Background())
	c.loadCancel = cancel
	bar := widget.NewProgressBar()
	stop := widget.NewButton("Cancel", func() {
		cancel()
		c.showWorklist()
	})
	c.Window.SetContent(container.NewCenter(container.NewVBox(
		widget.NewLabel("Loading "+cs.ID+" …"), container.NewGridWrap(fyne.NewSize(420, 36), bar), container.NewCenter(stop))))
	go func() {
		l, err := cs.LoadContext(ctx, func(done, total int64) {
			do(func() {
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
				}
			})
		})
		do(func() {
			if ctx.Err() != nil {
				return // cancelled: the user has moved on
			}
			c.loadCancel = nil
			if err != nil {
				c.showWorklist()
				c.showError(err)
				return
			}
			c.Current = i
			c.showCase(caseOf(l), l)
		})
	}()
}

// NextCase opens the case after (dir > 0) or before the current one in the
// worklist's order.
func (c *Controller) NextCase(dir int) {
	if c.Worklist == nil || c.Current < 0 {
		return
	}
	if n := c.Worklist.Neighbour(c.Current, dir); n >= 0 {
		c.leave(func() { c.OpenCase(n) })
	}
}

// showCase puts a case on screen (l is its files, nil for the demo),
// offers autosaved edits, and prefetches the next case.
func (c *Controller) showCase(cs *Case, l *store.Loaded) {
	c.Screen, c.loaded, c.strokes, c.autosavedAt = NewCaseScreen(cs, c.App.Preferences()), l, 0, nil
	c.Screen.OnEdit = c.edited
	if bc := c.Screen.BodyComp; bc != nil {
		bc.OnExport = c.exportBodyComp
	}
	c.Screen.QC.OnRun = c.RunQC
	screen := c.Screen
	c.Screen.QC.OnSelect = func(f qc.Finding) {
		screen.jumpTo(f)
		// Hand the keyboard back to the views ([, ], tools…) after a jump.
		c.Window.Canvas().Unfocus()
	}
	c.Screen.QC.OnAccept = c.acceptFinding
	if l != nil {
		if acc, err := l.Case.LoadAccepted(); err == nil {
			c.Screen.QC.Accepted = acc
		} else {
			c.Screen.message.SetText(err.Error())
		}
		if notes, err := l.Case.LoadSliceNotes(); err != nil {
			c.Screen.message.SetText(err.Error())
		} else if c.Screen.Editor != nil {
			for k, why := range notes {
				c.Screen.Editor.Session.Notes[k] = why
			}
		}
	}
	if c.Screen.Editor != nil {
		c.Screen.Editor.Session.ReadOnly = c.ReadOnly
	}
	if c.tracer != nil {
		for _, v := range c.Screen.Views {
			v.OnFrame = c.traceFrame
		}
	}
	c.Window.SetContent(c.Screen.Content())
	if c.Current >= 0 && c.Worklist != nil {
		if n := c.Worklist.Neighbour(c.Current, 1); n >= 0 {
			c.pre.start(c.Dataset, n)
		}
	}
	c.takeLock(c.Screen)
	if c.Review != nil && l != nil {
		c.buildReviewTabs(c.Screen)
	}
	c.updateTitle()
	c.refreshEditMenu()
	c.RunQC()
	if l != nil {
		c.offerRecovery(l)
	}
	if c.OnShown != nil {
		c.OnShown(c.Screen)
	}
}

func (c *Controller) showError(err error) { dialog.ShowError(err, c.Window) }

// traceFrame records the first frame of a case just opened, and the
// latency of frames caused by input.
func (c *Controller) traceFrame(latency time.Duration) {
	if !c.openStart.IsZero() {
		c.tracer.open(c.Screen.Case.ID, time.Since(c.openStart), c.prefetched)
		c.openStart = time.Time{}
		return
	}
	if latency > 0 {
		c.tracer.frame(latency)
	}
}

// keys routes the keyboard to the worklist or the case screen.
func (c *Controller) keys() {
	cv := c.Window.Canvas()
	cv.SetOnTypedKey(func(ev *fyne.KeyEvent) { c.TypedKey(ev) })
	cv.SetOnTypedRune(func(r rune) { c.TypedRune(r) })
	cv.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { c.NextCase(1) })
	cv.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { c.NextCase(-1) })
	cv.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { c.openFolderDialog() })
	cv.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { c.Save() })
	// The desktop driver reports Ctrl+Z and Ctrl+Y as Fyne's own undo and
	// redo shortcuts.
	cv.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { c.Undo() })
	cv.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { c.Redo() })
	cv.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}, func(fyne.Shortcut) { c.Redo() })
	if dc, ok := cv.(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(ev *fyne.KeyEvent) { c.space(ev, true) })
		dc.SetOnKeyUp(func(ev *fyne.KeyEvent) { c.space(ev, false) })
	}
}

func (c *Controller) space(ev *fyne.KeyEvent, down bool) {
	if ev.Name != fyne.KeySpace || c.Screen == nil {
		return
	}
	for _, v := range c.Screen.Views {
		v.SpaceHeld = down
	}
}

// TypedKey handles a named key.
func (c *Controller) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyF1:
		c.ShowHelp()
		return
	case fyne.KeyEscape:
		if c.Screen != nil && c.Screen.TypedKey(ev) {
			return // a polygon was cancelled
		}
		if c.Screen != nil && c.Worklist != nil {
			c.ShowWorklist()
		}
		return
	case fyne.KeyReturn, fyne.KeyEnter:
		if c.Screen == nil {
			if c.Worklist != nil {
				c.Worklist.OpenSelected()
			}
			return
		}
	}
	if c.Screen != nil {
		c.Screen.TypedKey(ev)
	}
}

// TypedRune handles a character key.
func (c *Controller) TypedRune(r rune) {
	if r == '?' {
		c.ShowHelp()
		return
	}
	if (r == 'f' || r == 'F') && c.Screen != nil {
		c.flagDialog(c.Screen)
		return
	}
	if c.Screen != nil {
		c.Screen.TypedRune(r)
	}
}

// ShowHelp opens the key overlay.
func (c *Controller) ShowHelp() {
	if c.help != nil {
		c.help.Hide()
	}
	c.help = showHelp(c.Window)
}

func (c *Controller) menu() *fyne.MainMenu {
	file := fyne.NewMenu("File",
		fyne.NewMenuItem("Open data set folder…", c.openFolderDialog),
		fyne.NewMenuItem("Open NIfTI file…", c.openFileDialog),
		fyne.NewMenuItem("Import DICOM series…", c.importDICOMDialog),
		fyne.NewMenuItem("Write demo data set…", c.writeDemoDialog),
		fyne.NewMenuItem("Settings (name, team database)…", c.settingsDialog),
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
	c.editMenu = fyne.NewMenu("Edit")
	c.refreshEditMenu()
	labels := fyne.NewMenu("Labels",
		fyne.NewMenuItem("Export region labels for ITK-SNAP…", func() { c.exportLabels(true) }),
		fyne.NewMenuItem("Export part labels for ITK-SNAP…", func() { c.exportLabels(false) }),
		fyne.NewMenuItem("Import region label colours from ITK-SNAP…", func() { c.importLabels(true) }),
		fyne.NewMenuItem("Import part label colours from ITK-SNAP…", func() { c.importLabels(false) }),
	)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keys (?)", c.ShowHelp),
		fyne.NewMenuItem("About SAROS Review", func() { c.showAbout() }),
	)
	return fyne.NewMainMenu(file, c.editMenu, view, labels, help)
}
