package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/volume/dicom"
)

// tagPanel lists the DICOM header tags of an imported case: the key tags
// first, every tag on demand, with a filter on tag, name and value.
type tagPanel struct {
	all, shown []dicom.Tag
	showAll    *widget.Check
	filter     *widget.Entry
	list       *widget.List
	detail     *widget.Label
	content    fyne.CanvasObject
}

// newTagPanel builds the DICOM tab; when the kept tags could not be read
// the tab says why instead.
func newTagPanel(tags []dicom.Tag, err error) *tagPanel {
	p := &tagPanel{all: tags}
	if err != nil {
		l := widget.NewLabel("DICOM tags: " + err.Error())
		l.Wrapping = fyne.TextWrapWord
		p.content = l
		return p
	}
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			t := p.shown[i]
			o.(*widget.Label).SetText(t.Name + " " + t.Tag + ": " + t.Value)
		})
	p.list.OnSelected = func(i widget.ListItemID) { // the full value, to read or copy
		t := p.shown[i]
		fyne.CurrentApp().Clipboard().SetContent(t.Value)
		p.detail.SetText(t.Name + " " + t.Tag + " " + t.VR + " (copied):\n" + t.Value)
	}
	p.detail = widget.NewLabel("")
	p.detail.Wrapping = fyne.TextWrapWord
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter tags")
	p.filter.OnChanged = func(string) { p.refresh() }
	p.showAll = widget.NewCheck("All tags", func(bool) { p.refresh() })
	p.refresh()
	p.content = container.NewBorder(container.NewBorder(nil, nil, nil, p.showAll, p.filter), p.detail, nil, nil, p.list)
	return p
}

// refresh recomputes the shown rows: key tags in their fixed order, or
// every tag in file order; then the filter.
func (p *tagPanel) refresh() {
	p.shown = p.shown[:0]
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	keep := func(t dicom.Tag) bool {
		return q == "" || strings.Contains(strings.ToLower(t.Tag+" "+t.Name+" "+t.Value), q)
	}
	if p.showAll.Checked {
		for _, t := range p.all {
			if keep(t) {
				p.shown = append(p.shown, t)
			}
		}
	} else {
		for _, k := range dicom.KeyTags {
			if i := slices.IndexFunc(p.all, func(t dicom.Tag) bool { return t.Tag == k }); i >= 0 && keep(p.all[i]) {
				p.shown = append(p.shown, p.all[i])
			}
		}
	}
	p.list.Refresh()
}
