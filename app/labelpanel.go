package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

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
	checks  map[*viewer.MapStyle][]*widget.Check
	opacity *widget.Slider
	outline *widget.Check
	// tissues switches the regions overlay to HU tissue colours.
	tissues *widget.Check
	maps    *widget.RadioGroup
	content fyne.CanvasObject
	syncing bool // Sync is setting the controls: ignore their callbacks
}

// NewLabelPanel builds the panel for a scene; with locks (per map, per
// label) each row also has a lock that keeps tools off that label.
func NewLabelPanel(sc *sliceview.Scene, locks *[2][256]bool) *LabelPanel {
	p := &LabelPanel{scene: sc, checks: map[*viewer.MapStyle][]*widget.Check{}}
	st := sc.Style
	p.maps = widget.NewRadioGroup([]string{showRegions, showParts, showBoth}, p.setMaps)
	p.maps.Horizontal = true
	p.opacity = widget.NewSlider(0, 1)
	p.opacity.Step = 0.05
	p.opacity.OnChanged = func(v float64) {
		if !p.syncing && v != st.Opacity {
			st.Opacity = v
			sc.StyleChanged()
		}
	}
	p.outline = widget.NewCheck("Regions as outline (O)", func(on bool) {
		if !p.syncing && on != st.Regions.Outline {
			st.Regions.Outline = on
			sc.StyleChanged()
		}
	})
	p.tissues = widget.NewCheck("Tissues by HU: muscle, IMAT, SAT, VAT, PAT, EAT", func(on bool) {
		if !p.syncing && on != st.Tissues {
			st.Tissues = on
			sc.StyleChanged()
		}
	})
	rows := container.NewVBox()
	for mi, m := range []struct {
		title string
		table labels.Table
		style *viewer.MapStyle
	}{{"Body regions", labels.Regions, &st.Regions}, {"Body parts", labels.Parts, &st.Parts}} {
		rows.Add(widget.NewLabelWithStyle(m.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, l := range m.table.Labels[1:] {
			var lock *bool
			if locks != nil {
				lock = &locks[mi][l.Value]
			}
			rows.Add(p.row(m.style, l, lock))
		}
	}
	p.content = container.NewBorder(
		container.NewVBox(p.maps, widget.NewLabel("Opacity (A / D)"), p.opacity, p.outline, p.tissues, widget.NewSeparator()),
		nil, nil, nil, container.NewVScroll(rows))
	p.Sync()
	return p
}

// row is one label: swatch, visibility check with the name, "only".
func (p *LabelPanel) row(ms *viewer.MapStyle, l labels.Label, lock *bool) fyne.CanvasObject {
	c := ms.Colours[l.Value]
	sw := canvas.NewRectangle(color.NRGBA{c.R, c.G, c.B, 255})
	sw.SetMinSize(fyne.NewSize(14, 14))
	v := l.Value
	chk := widget.NewCheck(l.Name, func(on bool) {
		if p.syncing || ms.Hidden[v] == !on {
			return
		}
		ms.Hidden[v] = !on
		p.scene.StyleChanged()
	})
	for len(p.checks[ms]) <= int(v) {
		p.checks[ms] = append(p.checks[ms], nil)
	}
	p.checks[ms][v] = chk
	only := widget.NewButton("only", func() { p.ShowOnly(ms, v) })
	only.Importance = widget.LowImportance
	right := fyne.CanvasObject(only)
	if lock != nil {
		lk := widget.NewCheck("lock", func(on bool) { *lock = on })
		right = container.NewHBox(lk, only)
	}
	return container.NewBorder(nil, nil, container.NewCenter(sw), right, chk)
}

// ShowOnly hides every label of the map but v, and shows that map.
func (p *LabelPanel) ShowOnly(ms *viewer.MapStyle, v uint8) {
	for l := range ms.Hidden {
		ms.Hidden[l] = uint8(l) != v
	}
	ms.Show = true
	p.scene.StyleChanged()
}

// setMaps applies the map choice: one map filled, or regions filled with
// parts outlined on top.
func (p *LabelPanel) setMaps(choice string) {
	if p.syncing {
		return
	}
	st := p.scene.Style
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
		st.Regions.Show, st.Parts.Show, st.Parts.Outline = r, pa, po
		p.scene.StyleChanged()
	}
}

// Sync makes the controls show the scene's style (after keys changed it).
func (p *LabelPanel) Sync() {
	p.syncing = true
	defer func() { p.syncing = false }()
	st := p.scene.Style
	for ms, cs := range p.checks {
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
