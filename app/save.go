package app

import (
	"errors"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/casework"
)

// AutosaveEvery is how often unsaved edits are copied to the case's
// recovery files (and every casework.AutosaveStrokes edits).
const AutosaveEvery = 30 * time.Second

// dirty reports whether the case on screen has unsaved edits.
func (c *Controller) dirty() bool { return c.Screen != nil && c.Work.Dirty() }

// updateTitle shows the case and whether it has unsaved edits.
func (c *Controller) updateTitle() {
	t := "SAROS Review"
	if c.Screen != nil {
		t += " — " + c.Screen.Case.ID
		switch {
		case c.Work.ReadOnly:
			t += " (read-only)"
		case c.dirty():
			t += " • unsaved"
		}
	} else if ds := c.Work.Dataset(); ds != nil {
		t += " — " + ds.Root
	}
	c.Window.SetTitle(t)
}

// Save writes both label maps of the case (Ctrl+S) in the background on
// copies, so editing can go on; a failure says so and keeps every edit.
func (c *Controller) Save() {
	if c.Screen == nil || c.Screen.Editor == nil {
		return
	}
	if c.Work.Saving() {
		return
	}
	if c.Screen.Case.Loaded != nil && !c.Work.ReadOnly {
		c.say("saving…")
	}
	c.Work.Save(func(err error) {
		switch {
		case errors.Is(err, casework.ErrNoFiles):
			dialog.ShowInformation("Nothing to save to", "The demo case lives in memory. Use File → Write demo data set… to get files you can edit and save.", c.Window)
		case errors.Is(err, casework.ErrReadOnly):
			c.say(err.Error())
		}
	})
}

// startAutosave runs autosave every AutosaveEvery until the window closes.
func (c *Controller) startAutosave() {
	done := make(chan struct{})
	c.Window.SetOnClosed(func() {
		close(done)
		c.stopDatasetQC()
		if err := c.Work.Shutdown(); err != nil {
			fmt.Fprintln(os.Stderr, "saros-review:", err) // the window is gone
		}
	})
	go func() {
		t := time.NewTicker(AutosaveEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				c.Work.Do(c.Work.Autosave)
			}
		}
	}()
}

// offerRecovery asks to restore autosaved edits newer than the files.
func (c *Controller) offerRecovery(k *casework.Case) {
	if k.Edit == nil {
		return
	}
	msg := fmt.Sprintf("%s has edits autosaved at %s that were never saved.\nRestore them? (You can undo the restore.)", k.ID, k.RecoveredAt.Local().Format("2006-01-02 15:04:05"))
	dialog.ShowConfirm("Unsaved edits found", msg, func(yes bool) {
		if c.Work.Open() == k {
			c.Work.Recover(yes)
		}
	}, c.Window)
}

// leave runs then, first asking what to do with unsaved edits.
func (c *Controller) leave(then func()) {
	if !c.dirty() || c.Work.ReadOnly {
		then()
		return
	}
	if c.Work.Review() != nil && !c.Work.HoldsLock() {
		c.leaveWithoutLock(then)
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
		c.Work.Discard()
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
	if c.Screen == nil || c.Screen.Case.Loaded == nil {
		then()
		return
	}
	c.Work.Save(func(err error) {
		if err == nil {
			then()
		}
	})
}

// SetReadOnly turns browsing-only mode on or off: no tool acts and nothing
// is written.
func (c *Controller) SetReadOnly(on bool) { c.Work.SetReadOnly(on) }

// leaveWithoutLock asks before leaving a case with unsaved edits that this
// window may not save (it holds no valid edit lock): they can only be kept
// in the case's recovery files, offered the next time it is opened.
func (c *Controller) leaveWithoutLock(then func()) {
	var d dialog.Dialog
	keep := widget.NewButton("Leave, keep edits in recovery", func() {
		d.Hide()
		c.Work.Autosave()
		then()
	})
	keep.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	msg := c.Screen.Case.ID + " has unsaved edits, but this window does not hold its edit lock,\nso they cannot be saved; they stay in its recovery files."
	d = dialog.NewCustomWithoutButtons("Unsaved edits", container.NewVBox(widget.NewLabel(msg), container.NewHBox(keep, cancel)), c.Window)
	d.Show()
}
