package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/viewer/sliceview"
)

// Map choices of the label panel.
const (
	showRegions = "Regions"
	showParts   = "Parts"
	showBoth    = "Both"
)

// LabelPanel lists the labels of both maps with swatch, name, a
// visibility check and a show-only-this button, and holds the opacity
// slider, the outline switch and the choice of map.
type LabelPanel struct {
	scene   *sliceview.Scene
	checks  [2][]*widget.Check // per map, by label
	opacity *widget.Slider
	outline *widget.Check
	// tissues switches the regions overlay to HU tissue colours.
	tissues *widget.Check
	maps    *widget.RadioGroup
	content fyne.CanvasObject
	bind    controlBinding
}

// NewLabelPanel builds the panel for a scene; with locks (per map, per
// label) each row also has a lock that keeps tools off that label.
func NewLabelPanel(sc *sliceview.Scene, locks *[2][256]bool) *LabelPanel {
	p := &LabelPanel{scene: sc}
	p.maps = widget.NewRadioGroup([]string{showRegions, showParts, showBoth}, intent(&p.bind, p.setMaps))
	p.maps.Horizontal = true
	p.opacity = widget.NewSlider(0, 1)
	p.opacity.Step = 0.05
	p.opacity.OnChanged = intent(&p.bind, func(v float64) {
		if v != sc.Style().Opacity {
			sc.UpdateStyle(func(st *viewer.Style) { st.Opacity = v })
		}
	})
	p.outline = widget.NewCheck("Regions as outline (O)", intent(&p.bind, func(on bool) {
		if on != sc.Style().Regions.Outline {
			sc.UpdateStyle(func(st *viewer.Style) { st.Regions.Outline = on })
		}
	}))
	p.tissues = widget.NewCheck("Tissues by HU: muscle, IMAT, SAT, VAT, PAT, EAT", intent(&p.bind, func(on bool) {
		if on != sc.Style().Tissues {
			sc.UpdateStyle(func(st *viewer.Style) { st.Tissues = on })
		}
	}))
	rows := container.NewVBox()
	st := sc.Style()
	for mi, m := range []struct {
		title string
		table labels.Table
	}{{"Body regions", labels.Regions}, {"Body parts", labels.Parts}} {
		rows.Add(widget.NewLabelWithStyle(m.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, l := range m.table.Labels[1:] {
			var lock *bool
			if locks != nil {
				lock = &locks[mi][l.Value]
			}
			rows.Add(p.row(annotate.Map(mi), mapStyle(&st, annotate.Map(mi)).Colours[l.Value], l, lock))
		}
	}
	p.content = container.NewBorder(
		container.NewVBox(p.maps, widget.NewLabel("Opacity (A / D)"), p.opacity, p.outline, p.tissues, widget.NewSeparator()),
		nil, nil, nil, container.NewVScroll(rows))
	p.Sync()
	return p
}

// row is one label: swatch, visibility check with the name, "only".
func (p *LabelPanel) row(m annotate.Map, c assets.RGB, l labels.Label, lock *bool) fyne.CanvasObject {
	sw := canvas.NewRectangle(color.NRGBA{c.R, c.G, c.B, 255})
	sw.SetMinSize(fyne.NewSize(14, 14))
	v := l.Value
	chk := widget.NewCheck(l.Name, intent(&p.bind, func(on bool) {
		if st := p.scene.Style(); mapStyle(&st, m).Hidden[v] != !on {
			p.scene.UpdateStyle(func(st *viewer.Style) { mapStyle(st, m).Hidden[v] = !on })
		}
	}))
	for len(p.checks[m]) <= int(v) {
		p.checks[m] = append(p.checks[m], nil)
	}
	p.checks[m][v] = chk
	only := widget.NewButton("only", func() { p.ShowOnly(m, v) })
	only.Importance = widget.LowImportance
	right := fyne.CanvasObject(only)
	if lock != nil {
		lk := widget.NewCheck("lock", func(on bool) { *lock = on })
		right = container.NewHBox(lk, only)
	}
	return container.NewBorder(nil, nil, container.NewCenter(sw), right, chk)
}

// ShowOnly hides every label of map m but v, and shows that map.
func (p *LabelPanel) ShowOnly(m annotate.Map, v uint8) {
	p.scene.UpdateStyle(func(st *viewer.Style) {
		ms := mapStyle(st, m)
		for l := range ms.Hidden {
			ms.Hidden[l] = uint8(l) != v
		}
		ms.Show = true
	})
}

// mapStyle is the style of map m.
func mapStyle(st *viewer.Style, m annotate.Map) *viewer.MapStyle {
	if m == annotate.MapParts {
		return &st.Parts
	}
	return &st.Regions
}

// setMaps applies the map choice: one map filled, or regions filled with
// parts outlined on top.
func (p *LabelPanel) setMaps(choice string) {
	st := p.scene.Style()
	r, pa, po := st.Regions.Show, st.Parts.Show, st.Parts.Outline
	switch choice {
	case showRegions:
		r, pa = true, false
	case showParts:
		r, pa, po = false, true, false
	case showBoth:
		r, pa, po = true, true, true
	default:
		return
	}
	if r != st.Regions.Show || pa != st.Parts.Show || po != st.Parts.Outline {
		p.scene.UpdateStyle(func(st *viewer.Style) { st.Regions.Show, st.Parts.Show, st.Parts.Outline = r, pa, po })
	}
}

// Sync makes the controls show the scene's style (after keys changed it).
func (p *LabelPanel) Sync() { p.bind.show(p.show) }

// show sets the controls from the scene's style.
func (p *LabelPanel) show() {
	st := p.scene.Style()
	for m, cs := range p.checks {
		ms := mapStyle(&st, annotate.Map(m))
		for v, c := range cs {
			if c != nil && c.Checked == ms.Hidden[v] {
				c.SetChecked(!ms.Hidden[v])
			}
		}
	}
	if p.opacity.Value != st.Opacity {
		p.opacity.SetValue(st.Opacity)
	}
	if p.outline.Checked != st.Regions.Outline {
		p.outline.SetChecked(st.Regions.Outline)
	}
	if p.tissues.Checked != st.Tissues {
		p.tissues.SetChecked(st.Tissues)
	}
	choice := ""
	switch {
	case st.Regions.Show && st.Parts.Show:
		choice = showBoth
	case st.Regions.Show:
		choice = showRegions
	case st.Parts.Show:
		choice = showParts
	}
	if p.maps.Selected != choice {
		p.maps.SetSelected(choice)
	}
}

// Content is the panel's canvas object.
func (p *LabelPanel) Content() fyne.CanvasObject { return p.content }
