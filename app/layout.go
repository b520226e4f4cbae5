package app

import (
	"fyne.io/fyne/v2"

	"github.com/saros-review/saros-review/viewer"
)

// LayoutMode is how the case screen arranges its three views.
type LayoutMode int

// The layouts, cycled with L.
const (
	MainPlusTwo LayoutMode = iota // a large main view, the other two stacked beside it
	ThreeInRow                    // three equal views side by side
	SingleView                    // the main view alone
)

var layoutNames = [...]string{"main + 2", "three in a row", "single"}

// String names the layout.
func (m LayoutMode) String() string { return layoutNames[m] }

// viewsLayout places the three view cells (in viewer.Views order).
type viewsLayout struct {
	mode LayoutMode
	main viewer.View
}

func (l *viewsLayout) order() []int {
	o := []int{int(l.main)}
	for _, v := range viewer.Views {
		if v != l.main {
			o = append(o, int(v))
		}
	}
	return o
}

// Layout positions the cells for the mode.
func (l *viewsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	const gap = 4
	o := l.order()
	show := func(i int, pos fyne.Position, s fyne.Size) {
		objs[i].Show()
		objs[i].Move(pos)
		objs[i].Resize(s)
	}
	switch l.mode {
	case ThreeInRow:
		w := (size.Width - 2*gap) / 3
		for n, i := range o {
			show(i, fyne.NewPos(float32(n)*(w+gap), 0), fyne.NewSize(w, size.Height))
		}
	case SingleView:
		show(o[0], fyne.NewPos(0, 0), size)
		objs[o[1]].Hide()
		objs[o[2]].Hide()
	default:
		mw := (size.Width - gap) * 2 / 3
		sw, sh := size.Width-gap-mw, (size.Height-gap)/2
		show(o[0], fyne.NewPos(0, 0), fyne.NewSize(mw, size.Height))
		show(o[1], fyne.NewPos(mw+gap, 0), fyne.NewSize(sw, sh))
		show(o[2], fyne.NewPos(mw+gap, sh+gap), fyne.NewSize(sw, size.Height-gap-sh))
	}
}

// MinSize is small: the views take what the window gives.
func (l *viewsLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(480, 320) }
