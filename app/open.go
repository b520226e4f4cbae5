package app

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/dicom"
)

// viewerLayers are the volumes of the demo phantom.
func viewerLayers(p *assets.Phantom) viewer.Layers {
	return viewer.Layers{Image: p.Image, Regions: p.Regions, Parts: p.Parts}
}

// OpenPath opens a data set folder (worklist), a case folder or a NIfTI
// file (straight to the case), after asking about unsaved edits.
func (c *Controller) OpenPath(path string) { c.leave(func() { c.openPath(path, "") }) }

// openPath opens path; when it is a data set folder and caseID names one
// of its cases, that case instead of the worklist. A DICOM file, or a
// folder of DICOM files that is not a data set, is offered for import.
// Everything that reads disk or the review store runs in the background.
func (c *Controller) openPath(path, caseID string) {
	c.closeCase()
	c.setContent(c.welcome("Opening " + path + " …"))
	dsn, user, readOnly := c.App.Preferences().String(prefDB), c.userName(), c.Work.ReadOnly
	c.Work.Go(func() func() {
		st, statErr := os.Stat(path)
		if statErr == nil && !st.IsDir() && dicom.IsFile(path) {
			return func() {
				c.setContent(c.welcome("DICOM file " + path))
				c.ImportDICOMFile(path)
			}
		}
		ds, err := store.Open(path)
		if err == nil && caseID == "" {
			// A case of a data set opened on its own (its folder, image
			// or map) opens in its data set: its review store and lock.
			if parent, id, ok := ds.Enclosing(); ok {
				ds, caseID = parent, id
			}
		}
		var rv *review.Store
		var role review.Role
		var rerr error
		if err == nil && ds.Kind == store.DatasetFolder {
			rv, role, rerr = casework.OpenReview(ds, dsn, readOnly, c.Work.Timeout())
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
		return func() {
			if series != nil {
				c.setContent(c.welcome("DICOM series in " + path))
				c.dialogs.pickSeries(path, series, skipped, warn, "", c.runImport)
				return
			}
			if err != nil {
				c.setContent(c.welcome("Could not open " + path))
				c.showError(err)
				return
			}
			c.setDataset(ds, rv, user, role)
			if rerr != nil {
				c.say(rerr.Error())
			}
			if ds.Kind == store.DatasetFolder {
				for i, k := range ds.Cases {
					if caseID != "" && k.ID == caseID {
						c.OpenCase(i)
						return
					}
				}
				c.showWorklist()
				if rerr != nil {
					c.say(rerr.Error())
				}
				return
			}
			c.OpenCase(0)
		}
	})
}

func (c *Controller) setDataset(ds *store.Dataset, rv *review.Store, user string, role review.Role) {
	c.stopDatasetQC() // before the old review store closes
	c.pre.drop()
	c.Work.SetDataset(ds, rv, user, role)
	c.Worklist = NewWorklist(ds)
	c.Worklist.OnOpen = c.OpenCase
	c.Worklist.OnAssign = func() {
		if c.Work.Review() == nil || c.Worklist.selected < 0 {
			return
		}
		if r := c.Work.Role(); r != review.Admin && r != review.Reviewer {
			c.say(fmt.Sprintf("Assigning cases is for admins and reviewers; you are %s.", r.Article()))
			return
		}
		c.dialogs.assign(ds.Cases[c.Worklist.selected].ID, c.refreshWorklist)
	}
	c.startDatasetQC(ds)
	c.Window.SetTitle("SAROS Review — " + ds.Root)
}

// closeCase leaves the case on screen (its lock is released).
func (c *Controller) closeCase() {
	c.Work.Close()
	c.Screen = nil
}

// ShowWorklist shows the data set's table of cases, after asking about
// unsaved edits.
func (c *Controller) ShowWorklist() { c.leave(c.showWorklist) }

func (c *Controller) showWorklist() {
	c.closeCase()
	if c.Worklist == nil {
		return
	}
	c.shell.line.SetText(" ")
	c.refreshWorklist()
	c.updateTitle()
	c.setContent(c.Worklist.Content())
	if c.Current >= 0 {
		c.Worklist.Select(c.Current)
	}
}

// refreshWorklist reads the review columns of the worklist in the
// background.
func (c *Controller) refreshWorklist() {
	wl := c.Worklist
	wl.user = c.Work.User()
	c.Work.Summaries(func(m map[string]review.Summary) { wl.SetReview(m) })
}

// OpenCase loads case i of the data set in the background with a progress
// bar and a Cancel button, and shows it. A case prefetched while the
// previous one was open shows at once.
func (c *Controller) OpenCase(i int) {
	ds := c.Work.Dataset()
	if ds == nil || i < 0 || i >= len(ds.Cases) {
		return
	}
	if c.loadCancel != nil {
		c.loadCancel()
	}
	c.closeCase()
	c.trace.asked()
	cs := ds.Cases[i]
	if l, ok := c.pre.take(i); ok {
		c.trace.setPrefetched(true)
		blind := c.Work.Blind()
		c.Work.Go(func() func() {
			k, err := blind.Case(context.Background(), l)
			return func() { c.loaded(i, k, err) }
		})
		return
	}
	c.trace.setPrefetched(false)
	ctx, cancel := context.WithCancel(context.Background())
	c.loadCancel = cancel
	bar := widget.NewProgressBar()
	stop := widget.NewButton("Cancel", func() {
		cancel()
		c.showWorklist()
	})
	c.setContent(container.NewCenter(container.NewVBox(
		widget.NewLabel("Loading "+cs.ID+" …"), container.NewGridWrap(fyne.NewSize(420, 36), bar), container.NewCenter(stop))))
	blind := c.Work.Blind()
	c.Work.Go(func() func() {
		k, err := blind.Load(ctx, cs, func(done, total int64) {
			c.Work.Do(func() {
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
				}
			})
		}, func(img *volume.Image) { // the CT first, the labels following
			c.Work.Do(func() {
				if ctx.Err() == nil && c.Screen == nil {
					c.preview = c.newLoadPreview(cs.ID, img, bar, stop)
					c.setContent(c.preview.content)
				}
			})
		})
		return func() {
			if ctx.Err() != nil {
				return // cancelled: the user has moved on
			}
			c.loadCancel, c.preview = nil, nil
			c.loaded(i, k, err)
		}
	})
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

// showCase puts a case on screen, hands it to the workspace (lock, review
// state, QC), offers autosaved edits, and prefetches the next case.
func (c *Controller) showCase(k *casework.Case) {
	s := NewCaseScreen(k, c.App.Preferences())
	c.Screen = s
	s.OnEdit = c.Work.Edited
	c.wireRelabel(s)
	c.wireMeasurements(s)
	if bc := s.BodyComp; bc != nil {
		bc.OnExport = c.exportBodyComp
		c.attachL3(s, k)
		bc.OnMeasure = func(done func(*bodycomp.Report, error)) { c.Work.Measure(context.Background(), k, done) }
	}
	s.QC.OnRun = c.RunQC
	s.QC.OnSelect = func(f qc.Finding) {
		s.jumpTo(f)
		// Hand the keyboard back to the views ([, ], tools…) after a jump.
		c.Window.Canvas().Unfocus()
	}
	s.QC.OnAccept = c.acceptFinding
	s.QC.OnAcceptGroup = c.acceptGroup
	s.QC.OnFiltered = c.Window.Canvas().Unfocus
	if c.trace != nil {
		for _, v := range s.Views {
			v.OnFrame = c.traceFrame
		}
	}
	c.Window.SetContent(s.Content())
	if c.Current >= 0 && c.Worklist != nil {
		if n := c.Worklist.Neighbour(c.Current, 1); n >= 0 {
			c.pre.start(c.Work.Dataset(), n)
		}
	}
	if c.Work.Review() != nil && k.Loaded != nil {
		c.buildReviewTabs(s)
	}
	s.QC.summary.SetText("QC running…")
	c.Work.Show(k)
	c.updateTitle()
	c.refreshEditMenu()
	s.askRecovery = !k.RecoveredAt.IsZero() && k.Edit != nil
}

// traceFrame records the first frame of a case just opened, and the
// latency of frames caused by input.
func (c *Controller) traceFrame(latency time.Duration) {
	if c.Screen != nil {
		c.trace.frameOf(c.Screen.Case.ID, latency)
	}
}

// loaded shows case i once read, or the error that kept it from opening.
func (c *Controller) loaded(i int, k *casework.Case, err error) {
	if err != nil {
		c.showWorklist()
		c.showError(err)
		return
	}
	c.Current = i
	c.showCase(k)
}
