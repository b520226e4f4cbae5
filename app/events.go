package app

import (
	"fyne.io/fyne/v2/dialog"

	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/qc"
)

// event turns a change of the workspace into what the window shows. It
// runs on the UI thread.
func (c *Controller) event(ev casework.Event) {
	s := c.Screen
	if s != nil && ev.Case != nil && ev.Case != s.Case {
		s = nil // about a case no longer on screen
	}
	switch ev.Kind {
	case casework.Failed:
		// Errors are never dropped: a case left since still says so.
		c.say(ev.Err.Error())
		if ev.SaveFailed {
			dialog.ShowError(ev.Err, c.Window)
		}
	case casework.Message:
		if s != nil || ev.Case == nil {
			c.say(ev.Text)
		}
	case casework.Edited:
		if s != nil {
			s.edited(ev.Slices)
			if s.Compare != nil {
				s.Compare.rescore(c.Work)
			}
		}
		c.updateTitle()
		c.refreshEditMenu()
	case casework.Saved:
		if s != nil {
			if s.Case.Reader != "" {
				c.say("your reading is saved in " + ev.Text + " (the case's maps are unchanged)")
			} else {
				c.say("saved; previous version kept in " + ev.Text)
			}
			if s.Scene.ChangesShown() {
				s.showOriginals() // changes now count from this save
			}
			s.Scene.Redraw()
		}
		c.updateTitle()
	case casework.QCStarted:
		if s != nil {
			s.QC.summary.SetText("QC running…")
		}
	case casework.QCDone:
		if wl := c.Worklist; wl != nil && ev.Case != nil {
			e, w, _ := qc.Count(ev.Findings)
			wl.SetQC(ev.Case.ID, QCCounts{Errors: e, Warnings: w})
		}
		if s != nil {
			s.QC.SetFindings(ev.Findings)
			s.Strip.Refresh()
			if s.askRecovery {
				s.askRecovery = false
				c.offerRecovery(s.Case)
			}
		}
	case casework.Accepted:
		if s != nil {
			s.QC.rebuild()
			s.Strip.Refresh()
		}
	case casework.SlicesReviewed:
		if s != nil {
			c.slicesReviewed(s, ev.Text)
		}
	case casework.ReviewChanged:
		if s != nil {
			c.showReview(s)
		}
	case casework.ModeChanged:
		if s != nil {
			c.statusBar(s)
			if s.Editor != nil && s.Editor.Session.ReadOnly {
				s.Editor.SetTool(ToolNavigate)
				s.EditBar.Sync()
			}
		}
		c.updateTitle()
		c.refreshEditMenu()
	}
}
