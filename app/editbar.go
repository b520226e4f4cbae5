package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate"
)

// EditBar holds the editing controls above the views: tools, edited map,
// active label, brush radius, paint-over mode, threshold preset, undo and
// redo.
type EditBar struct {
	ed *Editor
	editControls
	content  fyne.CanvasObject
	bind     controlBinding
	byName   map[string]Tool
	overOpts []string
}

// editControls are the bar's widgets.
type editControls struct {
	tools  *widget.RadioGroup
	maps   *widget.RadioGroup
	label  *keySelect
	radius *keySlider
	over   *keySelect
	thresh *keySelect
	lo, hi *widget.Entry // custom threshold range
	undo   *keyButton
	redo   *keyButton
	swatch *canvas.Rectangle // the active label's colour
}

// NewEditBar builds the bar for an editor.
func NewEditBar(ed *Editor) *EditBar {
	b := &EditBar{ed: ed, byName: map[string]Tool{}}
	var names []string
	keys := map[Tool]string{}
	for r, t := range ToolKeys {
		keys[t] = string(r - 32)
	}
	for t := ToolNavigate; t <= ToolRelabel; t++ {
		n := fmt.Sprintf("%s (%s)", t, keys[t])
		names = append(names, n)
		b.byName[n] = t
	}
	b.tools = widget.NewRadioGroup(names, func(n string) {
		intent(&b.bind, func(n string) { ed.SetTool(b.byName[n]) })(n)
		releaseFocus(b.tools)
	})
	b.tools.Horizontal = true
	b.maps = widget.NewRadioGroup([]string{"edit regions", "edit parts"}, intent(&b.bind, func(n string) {
		releaseFocus(b.maps)
		ed.Map = annotate.MapRegions
		if n == "edit parts" {
			ed.Map = annotate.MapParts
		}
		b.Sync()
	}))
	b.maps.Horizontal = true
	b.label = newKeySelect(nil, intent(&b.bind, func(n string) {
		for _, l := range ed.Map.Table().Labels {
			if l.Name == n {
				ed.Label[ed.Map] = l.Value
			}
		}
		b.syncSwatch()
	}))
	b.radius = newKeySlider(0.5, 30)
	b.radius.Step = 0.5
	b.radius.OnChanged = intent(&b.bind, ed.SetRadius)
	b.over = newKeySelect(nil, intent(&b.bind, func(string) { b.applyOver() }))
	var th []string
	for _, p := range ThresholdPresets {
		if p.Name == "custom" {
			th = append(th, "custom…")
			continue
		}
		th = append(th, fmt.Sprintf("%s %d…%d HU", p.Name, p.Lo, p.Hi))
	}
	b.lo, b.hi = widget.NewEntry(), widget.NewEntry()
	b.lo.OnChanged = intent(&b.bind, func(t string) { b.setCustom(0, t) })
	b.hi.OnChanged = intent(&b.bind, func(t string) { b.setCustom(1, t) })
	b.thresh = newKeySelect(th, intent(&b.bind, func(string) {
		ed.Threshold = max(0, b.thresh.SelectedIndex())
		b.Sync()
	}))
	b.swatch = newSwatch()
	b.undo = newKeyButton("Undo", ed.Undo)
	b.redo = newKeyButton("Redo", ed.Redo)
	radius := container.NewGridWrap(fyne.NewSize(140, 36), b.radius)
	custom := container.NewGridWrap(fyne.NewSize(70, 36), b.lo, b.hi)
	b.content = container.NewVBox(
		b.tools,
		container.NewHBox(b.maps, container.NewCenter(b.swatch), fixedPicker(b.label), widget.NewLabel("radius"), radius),
		container.NewHBox(widget.NewLabel("paint over"), fixedPicker(b.over), widget.NewLabel("threshold"), fixedPicker(b.thresh), custom, b.undo, b.redo),
	)
	b.Sync()
	return b
}

// Content is the bar's canvas object.
func (b *EditBar) Content() fyne.CanvasObject { return b.content }

// setCustom takes one end of the custom threshold range from an entry.
func (b *EditBar) setCustom(end int, t string) {
	var v int
	if _, err := fmt.Sscan(t, &v); err == nil && v >= -32768 && v <= 32767 {
		b.ed.Custom[end] = int16(v)
	}
}

// applyOver sets the protection from the paint-over choice.
func (b *EditBar) applyOver() {
	s, table := b.ed.Session, b.ed.Map.Table()
	i := b.over.SelectedIndex()
	switch {
	case i <= 0:
		s.Protect = annotate.Protection{Mode: annotate.OverAll}
	case i == 1:
		s.Protect = annotate.Protection{Mode: annotate.OverBackground}
	default:
		s.Protect = annotate.Protection{Mode: annotate.OverLabel, Label: table.Labels[i-1].Value}
	}
}

// Sync shows the editor's state in the controls.
func (b *EditBar) Sync() { b.bind.show(b.show) }

// show sets the controls from the editor's state.
func (b *EditBar) show() {
	ed := b.ed
	for n, t := range b.byName {
		if t == ed.Tool() && b.tools.Selected != n {
			b.tools.SetSelected(n)
		}
	}
	b.maps.SetSelected(map[annotate.Map]string{annotate.MapRegions: "edit regions", annotate.MapParts: "edit parts"}[ed.Map])
	var names []string
	table := ed.Map.Table()
	for _, l := range table.Labels[1:] {
		names = append(names, l.Name)
	}
	b.label.Options = names
	b.label.SetSelected(table.Name(ed.Label[ed.Map]))
	b.syncSwatch()
	b.overOpts = []string{"all labels", "background only"}
	for _, l := range table.Labels[1:] {
		b.overOpts = append(b.overOpts, "only "+l.Name)
	}
	b.over.Options = b.overOpts
	switch p := ed.Session.Protect; p.Mode {
	case annotate.OverBackground:
		b.over.SetSelectedIndex(1)
	case annotate.OverLabel:
		b.over.SetSelected("only " + table.Name(p.Label))
	default:
		b.over.SetSelectedIndex(0)
	}
	b.radius.SetValue(ed.RadiusMM)
	b.thresh.SetSelectedIndex(ed.Threshold)
	b.lo.SetText(fmt.Sprint(ed.Custom[0]))
	b.hi.SetText(fmt.Sprint(ed.Custom[1]))
	if ThresholdPresets[ed.Threshold].Name == "custom" {
		b.lo.Enable()
		b.hi.Enable()
	} else {
		b.lo.Disable()
		b.hi.Disable()
	}
	// The buttons keep their short names, so the bar (and the window) does
	// not grow with a step's name; the Edit menu names the steps.
	h := &ed.Session.History
	if h.UndoName() == "" {
		b.undo.Disable()
	} else {
		b.undo.Enable()
	}
	if h.RedoName() == "" {
		b.redo.Disable()
	} else {
		b.redo.Enable()
	}
}
