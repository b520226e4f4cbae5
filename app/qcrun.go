package app

import (
	"fmt"

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

// acceptGroup asks for one note and marks every finding of a group
// reviewed with it.
func (c *Controller) acceptGroup(title string, fs []qc.Finding) {
	note := noteEntry("why these are fine")
	msg := widget.NewLabel(fmt.Sprintf("%s\n%d findings", title, len(fs)))
	showWideForm("Accept group", "Accept all", []*widget.FormItem{
		widget.NewFormItem("Group", msg), widget.NewFormItem("Note", note)}, func(ok bool) {
		if ok {
			c.acceptFindings(fs, note.Text)
		}
	}, c.Window)
}

// acceptFindings marks findings reviewed with one note.
func (c *Controller) acceptFindings(fs []qc.Finding, note string) {
	sigs := make([]string, len(fs))
	for i, f := range fs {
		sigs[i] = Signature(f)
	}
	c.Work.AcceptAll(sigs, note)
}

// qcKey runs a QC panel key: J / K next / previous finding, I expand or
// fold, Y accept (a group row: the group), V jump again.
func (c *Controller) qcKey(k key) bool {
	if c.Screen == nil {
		return false
	}
	p := c.Screen.QC
	switch k.r {
	case 'j':
		p.Next()
	case 'k':
		p.Previous()
	case 'i':
		p.Toggle()
	case 'y':
		p.AcceptSelected()
	case 'v':
		p.Jump()
	default:
		return false
	}
	return true
}
