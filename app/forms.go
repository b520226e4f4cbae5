package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// FormWidth is the width of the dialogs that ask for a reason, comment or
// note: wide enough to read a sentence while typing it (a form sized to
// its fields' minimum left them four characters wide).
const FormWidth = 560

// noteEntry is a multi-line, word-wrapping entry for a reason, comment or
// note.
func noteEntry(placeholder string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	e.SetPlaceHolder(placeholder)
	return e
}

// showWideForm shows a form dialog FormWidth wide.
func showWideForm(title, confirm string, items []*widget.FormItem, then func(bool), w fyne.Window) dialog.Dialog {
	d := dialog.NewForm(title, confirm, "Cancel", items, then, w)
	d.Resize(fyne.NewSize(max(FormWidth, d.MinSize().Width), d.MinSize().Height))
	d.Show()
	// The first text field has the keyboard, so what is typed lands in it.
	for _, it := range items {
		if f, ok := it.Widget.(fyne.Focusable); ok {
			if _, text := it.Widget.(*widget.Entry); text {
				w.Canvas().Focus(f)
				break
			}
		}
	}
	return d
}
