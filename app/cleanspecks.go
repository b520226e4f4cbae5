package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/viewer"
)

// Scopes of Clean specks.
const (
	specksSlice = "This slice"
	specksAll   = "All annotated slices"
)

// specksForm is the Clean specks dialog's state: scope, size limit and
// the preview of what applying would change.
type specksForm struct {
	c       *Controller
	s       *CaseScreen
	scope   *widget.RadioGroup
	size    *widget.Entry
	result  *widget.Label
	opts    annotate.SpeckOptions
	preview annotate.SpeckResult
	err     error
}

// cleanSpecksDialog asks for the scope (the cursor's slice or every
// annotated slice) and a size limit, previews the count and area of the
// specks (outlined in the axial view) and applies the clean-up as one
// undo step. Protection and label locks are kept (annotate does it).
func (c *Controller) cleanSpecksDialog() {
	f := c.newSpecksForm()
	if f == nil {
		return
	}
	d := dialog.NewForm("Clean specks", "Apply", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Where", f.scope),
		widget.NewFormItem("Smaller than (mm²)", f.size),
		widget.NewFormItem("Preview", f.result),
	}, func(ok bool) {
		f.clearMarks()
		if ok {
			f.apply()
		}
	}, c.Window)
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
}

// newSpecksForm makes the form and its first preview (nil when nothing
// can be edited).
func (c *Controller) newSpecksForm() *specksForm {
	s := c.Screen
	if s == nil || s.Editor == nil || c.Work.ReadOnly {
		return nil
	}
	f := &specksForm{c: c, s: s}
	f.result = widget.NewLabel("")
	f.result.Wrapping = fyne.TextWrapWord
	f.size = widget.NewEntry()
	f.size.SetText(strconv.FormatFloat(annotate.DefaultSpeckMM2, 'g', -1, 64))
	f.scope = widget.NewRadioGroup([]string{specksSlice, specksAll}, func(string) { f.update() })
	f.scope.Selected = specksSlice
	f.size.OnChanged = func(string) { f.update() }
	f.update()
	return f
}

// update previews the clean-up with the form's choices.
func (f *specksForm) update() {
	f.preview, f.err = annotate.SpeckResult{}, nil
	mm2, err := strconv.ParseFloat(strings.TrimSpace(f.size.Text), 64)
	if err != nil || !(mm2 > 0) || mm2 > 1e4 {
		f.err = fmt.Errorf("the size limit must be a number of mm² above 0 and at most 10000, not %q", f.size.Text)
	} else {
		f.opts = annotate.SpeckOptions{MaxAreaMM2: mm2, Edited: f.s.Editor.Map}
		if f.scope.Selected == specksSlice {
			f.opts.Slices = []int{f.s.Scene.Cursor()[2]}
		}
		f.preview, f.err = f.s.Editor.Session.PreviewSpecks(f.opts)
	}
	if f.err != nil {
		f.result.SetText(f.err.Error())
	} else {
		p := f.preview
		f.result.SetText(fmt.Sprintf("%d specks, %.1f mm² (%d voxels) on %d slices; outlined on this slice", p.Components, p.AreaMM2, p.Voxels, p.Slices))
	}
	f.showMarks()
}

// showMarks outlines the specks of the preview in the axial view.
func (f *specksForm) showMarks() {
	var boxes []viewer.Box
	for _, sp := range f.preview.Specks {
		b := sp.BBox
		boxes = append(boxes, viewer.Box{Valid: true, I0: b[0], J0: b[1], I1: b[2], J1: b[3], K: sp.K})
	}
	f.s.Scene.SetBoxes(boxes)
}

func (f *specksForm) clearMarks() {
	f.s.Scene.SetBoxes(nil)
}

// apply cleans the specks as one undo step.
func (f *specksForm) apply() {
	if f.err != nil {
		f.c.showError(f.err)
		return
	}
	res, err := f.s.Editor.Session.CleanSpecks(f.opts)
	if err != nil {
		f.c.showError(err)
		return
	}
	ed := f.s.Editor
	ed.message(fmt.Sprintf("cleaned %d specks, %.1f mm² on %d slices (one undo step)", res.Components, res.AreaMM2, res.Slices))
	f.s.Scene.InvalidateSlices()
	ed.changed()
}
