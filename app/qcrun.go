package app

import (
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/qc"
)

// RunQC checks the case on screen in the background (on copies of the
// maps, so editing goes on) and shows the findings.
func (c *Controller) RunQC() { c.Work.RunQC() }

// acceptFinding asks for a note and marks the finding reviewed.
func (c *Controller) acceptFinding(f qc.Finding) {
	note := noteEntry("why this is fine")
	showWideForm("Accept finding", "Accept", []*widget.FormItem{widget.NewFormItem("Note", note)}, func(ok bool) {
		if ok {
			c.Work.Accept(Signature(f), note.Text)
		}
	}, c.Window)
}
