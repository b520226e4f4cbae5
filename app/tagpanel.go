package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/store"
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
	deid       *widget.Label // how the tags were de-identified
	content    fyne.CanvasObject
}

// newTagPanel builds the DICOM tab, saying above the list how the tags
// were de-identified (deid, see deidNote); when the kept tags could not be
// read the tab says why instead.
func newTagPanel(tags []dicom.Tag, err error, deid string) *tagPanel {
	p := &tagPanel{all: tags}
	p.deid = widget.NewLabel(deid)
	p.deid.Wrapping = fyne.TextWrapWord
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
	p.content = container.NewBorder(container.NewVBox(p.deid, container.NewBorder(nil, nil, nil, p.showAll, p.filter)), p.detail, nil, nil, p.list)
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

// deidNote says how a case's DICOM tags were de-identified on import:
// which tags the basic profile removed, blanked or replaced, that the
// identifiers were kept on purpose, or that there is no record (a case
// imported before there was one: its tags may hold identifiers).
func deidNote(d *store.Deidentification, err error) string {
	switch {
	case err != nil:
		return "De-identification unknown: " + err.Error()
	case d == nil:
		return "No de-identification record: these tags may hold patient identifiers."
	case d.KeptIdentifiers:
		return "Identifiers kept at import (not de-identified): these tags are as in the DICOM files."
	}
	names := func(what string, tags []string) string {
		if len(tags) == 0 {
			return ""
		}
		short := make([]string, len(tags))
		for i, t := range tags {
			short[i] = t
			if _, n, ok := strings.Cut(t, " "); ok && n != "" {
				short[i] = n
			}
		}
		if len(short) > 12 {
			short = append(short[:12], "…")
		}
		return fmt.Sprintf("\n%s (%d): %s", what, len(tags), strings.Join(short, ", "))
	}
	prof := d.Profile
	if len(d.Options) > 0 {
		prof += ", " + strings.Join(d.Options, ", ")
	}
	return "De-identified at import (" + prof + ")." + names("Removed", d.Removed) + names("Blanked", d.Blanked) + names("UIDs replaced", d.Replaced)
}
