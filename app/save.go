package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
)

// AutosaveEvery and AutosaveStrokes are when unsaved edits are copied to
// the case's recovery files.
const (
	AutosaveEvery   = 30 * time.Second
	AutosaveStrokes = 50
)

// dirty reports whether the case on screen has unsaved edits.
func (c *Controller) dirty() bool {
	return c.Screen != nil && c.Screen.Editor != nil && c.Screen.Editor.Session.Dirty()
}

// updateTitle shows the case and whether it has unsaved edits.
func (c *Controller) updateTitle() {
	t := "SAROS Review"
	if c.Screen != nil {
		t += " — " + c.Screen.Case.ID
		switch {
		case c.ReadOnly:
			t += " (read-only)"
		case c.dirty():
			t += " • unsaved"
		}
	} else if c.Dataset != nil {
		t += " — " + c.Dataset.Root
	}
	c.Window.SetTitle(t)
}

// Save writes both label maps of the case (Ctrl+S) in the background on
// copies, so editing can go on; a failure says so and keeps every edit.
func (c *Controller) Save() {
	if c.Screen == nil || c.Screen.Editor == nil {
		return
	}
	ed := c.Screen.Editor
	if c.ReadOnly {
		ed.message("read-only: nothing is written")
		return
	}
	if c.loaded == nil {
		dialog.ShowInformation("Nothing to save to", "The demo case lives in memory. Use File → Write demo data set… to get files you can edit and save.", c.Window)
		return
	}
	if c.saving {
		return
	}
	screen := c.Screen
	ed.message("saving…")
	c.saveCase(func(rev string, recErr, err error) {
		if c.OnSaved != nil {
			defer c.OnSaved(err)
		}
		if err != nil {
			ed.message("save failed: " + err.Error())
			return
		}
		ed.message("saved; previous version kept in " + rev)
		if recErr != nil {
			ed.message("saved, but " + recErr.Error())
		}
		if c.Screen == screen {
			screen.Scene.Redraw()
			c.updateTitle()
			c.RunQC() // QC on every save
			c.refreshReview(screen)
		}
	})
}

// saveCase writes the case's label maps from copies in the background,
// then the reasons of its slices marked not annotated, and records the
// revision in the review store; done runs on the UI thread with err when
// the maps were not saved (it says so and every edit stays) or recErr when
// they were but the notes or the revision were not.
func (c *Controller) saveCase(done func(rev string, recErr, err error)) {
	sess, l := c.Screen.Editor.Session, c.loaded
	at := sess.SavePoint()
	r, p := sess.Copies()
	before := [2][]uint8{append([]uint8(nil), sess.Original[0]...), append([]uint8(nil), sess.Original[1]...)}
	notes := map[int]string{}
	for k, why := range sess.Notes {
		if k >= 0 && k < r.Dims[2] && r.SliceState(k) == volume.Ignored {
			notes[k] = why
		}
	}
	c.saving = true
	go func() {
		rev, err := l.SaveLabels(r, p)
		var recErr error // the maps are saved, but something beside them is not
		if err == nil {
			if nerr := l.Case.SaveSliceNotes(notes); nerr != nil {
				recErr = fmt.Errorf("the slice notes were not written: %w", nerr)
			} else if rerr := c.recordRevision(l, rev, before, r, p); rerr != nil {
				recErr = fmt.Errorf("the revision was not recorded: %w", rerr)
			}
		}
		do(func() {
			c.saving = false
			if err != nil {
				dialog.ShowError(fmt.Errorf("could not save %s; every edit is still here: %w", l.Case.ID, err), c.Window)
			} else {
				sess.MarkSavedAt(at, r.Voxels, p.Voxels)
				c.autosavedAt = nil
			}
			done(rev, recErr, err)
		})
	}()
}

// autosave copies unsaved edits to the recovery files in the background.
func (c *Controller) autosave() {
	if c.Screen == nil || c.Screen.Editor == nil || c.loaded == nil || c.ReadOnly || c.saving {
		return
	}
	sess := c.Screen.Editor.Session
	at := sess.SavePoint()
	if !sess.Dirty() || sess.InStroke() || at == c.autosavedAt {
		return
	}
	r, p := sess.Copies()
	cs := c.loaded.Case
	go func() {
		err := cs.WriteRecovery(r, p)
		do(func() {
			if err == nil {
				c.autosavedAt = at
			} else if c.Screen != nil && c.Screen.Editor != nil {
				c.Screen.Editor.message("autosave failed: " + err.Error())
			}
		})
	}()
}

// startAutosave runs autosave every AutosaveEvery until the window closes.
func (c *Controller) startAutosave() {
	done := make(chan struct{})
	c.Window.SetOnClosed(func() {
		close(done)
		c.releaseLock()
	})
	go func() {
		t := time.NewTicker(AutosaveEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				do(c.autosave)
			}
		}
	}()
}

// edited runs after every change of the maps.
func (c *Controller) edited() {
	c.strokes++
	if c.strokes%AutosaveStrokes == 0 {
		c.autosave()
	}
	c.updateTitle()
	c.refreshEditMenu()
}

// offerRecovery asks to restore autosaved edits newer than the files.
func (c *Controller) offerRecovery(l *store.Loaded) {
	when, ok := l.Case.RecoveryTime()
	if !ok || c.Screen == nil || c.Screen.Editor == nil {
		return
	}
	screen := c.Screen
	msg := fmt.Sprintf("%s has edits autosaved at %s that were never saved.\nRestore them? (You can undo the restore.)", l.Case.ID, when.Local().Format("2006-01-02 15:04:05"))
	dialog.ShowConfirm("Unsaved edits found", msg, func(yes bool) {
		if !yes {
			if err := l.Case.ClearRecovery(); err != nil {
				c.showError(err)
			}
			return
		}
		r, p, err := l.Case.LoadRecovery(l.Image.Grid)
		if err == nil {
			err = screen.Editor.Session.Replace("restore autosaved edits", r.Voxels, p.Voxels)
		}
		if err != nil {
			c.showError(err)
			return
		}
		screen.Scene.InvalidateSlices()
		screen.Editor.changed()
	}, c.Window)
}

// leave runs then, first asking what to do with unsaved edits.
func (c *Controller) leave(then func()) {
	if !c.dirty() || c.ReadOnly {
		then()
		return
	}
	var d dialog.Dialog
	save := widget.NewButton("Save", func() {
		d.Hide()
		c.saveThen(then)
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButton("Discard edits", func() {
		d.Hide()
		if c.loaded != nil {
			c.loaded.Case.ClearRecovery()
		}
		c.Screen.Editor.Session.MarkSavedAt(c.Screen.Editor.Session.SavePoint(), c.Screen.Editor.Session.Original[0], c.Screen.Editor.Session.Original[1])
		then()
	})
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Unsaved edits",
		container.NewVBox(widget.NewLabel(c.Screen.Case.ID+" has unsaved edits."), container.NewHBox(save, discard, cancel)), c.Window)
	d.Show()
}

// saveThen saves synchronously from the user's point of view: then runs
// once the save has succeeded.
func (c *Controller) saveThen(then func()) {
	if c.loaded == nil {
		then()
		return
	}
	c.saveCase(func(_ string, _, err error) {
		if err == nil {
			then()
		}
	})
}

// SetReadOnly turns browsing-only mode on or off: no tool acts and nothing
// is written.
func (c *Controller) SetReadOnly(on bool) {
	c.ReadOnly = on
	if c.Screen != nil && c.Screen.Editor != nil {
		c.Screen.Editor.Session.ReadOnly = on
		if on {
			c.Screen.Editor.SetTool(ToolNavigate)
			c.Screen.EditBar.Sync()
		}
	}
	c.updateTitle()
}
