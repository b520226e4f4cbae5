package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// textLine is a one-line label for texts of any length (the message and
// status lines): a long text is cut with an ellipsis, so it never widens
// the window, and a click shows the full texts of the line's recent
// history, wrapped, in a popup above it.
type textLine struct {
	widget.Label
	history []string
	keep    int // how many texts history keeps
	popup   *widget.PopUp
}

// newTextLine makes an empty line whose popup shows its last keep texts.
func newTextLine(keep int) *textLine {
	t := &textLine{keep: keep}
	t.Text = " "
	t.Truncation = fyne.TextTruncateEllipsis
	t.ExtendBaseWidget(t)
	return t
}

// SetText shows text, cut to the line's width, and keeps it for the
// popup.
func (t *textLine) SetText(text string) {
	if text != "" && text != " " && (len(t.history) == 0 || t.history[len(t.history)-1] != text) {
		t.history = append(t.history, text)
		if len(t.history) > t.keep {
			t.history = t.history[len(t.history)-t.keep:]
		}
	}
	t.Label.SetText(text)
}

// Tapped shows the full texts, newest last, over the line.
func (t *textLine) Tapped(*fyne.PointEvent) {
	cv := fyne.CurrentApp().Driver().CanvasForObject(t)
	if cv == nil || len(t.history) == 0 {
		return
	}
	box := container.NewVBox()
	for _, h := range t.history {
		l := widget.NewLabel(h)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	w := t.Size().Width
	if w < 300 {
		w = 300
	}
	scroll := container.NewVScroll(box)
	box.Resize(fyne.NewSize(w, box.MinSize().Height)) // wrapped labels know their height once they have a width
	box.Resize(fyne.NewSize(w, box.MinSize().Height))
	h := box.MinSize().Height
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(t)
	if max := pos.Y - 10; h > max {
		h = max
	}
	if h < 60 {
		h = 60
	}
	scroll.SetMinSize(fyne.NewSize(w, h))
	t.popup = widget.NewPopUp(scroll, cv)
	t.popup.ShowAtPosition(fyne.NewPos(pos.X, pos.Y-h-8))
	t.popup.Resize(fyne.NewSize(w, h))
	scroll.ScrollToBottom()
}
