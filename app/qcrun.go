package app

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// qcConfig is the data set's rules file, or the built-in rules.
func (c *Controller) qcConfig() (*qc.Config, error) {
	if c.Dataset != nil && c.Dataset.Kind == store.DatasetFolder {
		if p := filepath.Join(c.Dataset.Root, qc.RulesFile); fileExists(p) {
			return qc.LoadRules(p)
		}
	}
	return qc.DefaultConfig(), nil
}

// RunQC checks the case on screen in the background (on copies of the
// maps, so editing goes on) and shows the findings.
func (c *Controller) RunQC() {
	s := c.Screen
	if s == nil {
		return
	}
	cfg, err := c.qcConfig()
	if err != nil {
		c.showError(err)
		return
	}
	in := &qc.Input{Image: s.Case.Layers.Image, Regions: s.Case.Layers.Regions, Parts: s.Case.Layers.Parts}
	if s.Editor != nil {
		in.Regions, in.Parts = s.Editor.Session.Copies()
	} else {
		if in.Regions != nil {
			in.Regions = in.Regions.Clone()
		}
		if in.Parts != nil {
			in.Parts = in.Parts.Clone()
		}
	}
	s.QC.summary.SetText("QC running…")
	rv, l := c.Review, c.loaded
	go func() {
		fs := qc.Check(in, cfg)
		if rv != nil && l != nil {
			// The store gates submit and approve on QC errors.
			e, _, _ := qc.Count(fs)
			rv.SetQCErrors(context.Background(), l.Case.ID, e)
		}
		do(func() {
			if c.Screen != s {
				return
			}
			s.QC.SetFindings(fs)
			s.Strip.Refresh()
			if c.OnQC != nil {
				c.OnQC(fs)
			}
		})
	}()
}

// acceptFinding asks for a note and marks the finding reviewed.
func (c *Controller) acceptFinding(f qc.Finding) {
	s := c.Screen
	note := widget.NewEntry()
	note.SetPlaceHolder("why this is fine")
	dialog.ShowForm("Accept finding", "Accept", "Cancel", []*widget.FormItem{widget.NewFormItem("Note", note)}, func(ok bool) {
		if ok {
			c.AcceptFinding(s, f, note.Text)
		}
	}, c.Window)
}

// AcceptFinding records a finding as reviewed with a note, in the case
// folder when the case has one.
func (c *Controller) AcceptFinding(s *CaseScreen, f qc.Finding, note string) {
	if note == "" {
		note = "reviewed"
	}
	s.QC.Accepted[Signature(f)] = note
	if c.loaded != nil && c.Screen == s {
		if err := c.loaded.Case.SaveAccepted(s.QC.Accepted); err != nil {
			c.showError(fmt.Errorf("could not keep the accepted finding: %w", err))
		}
	}
	s.QC.rebuild()
	s.Strip.Refresh()
}
