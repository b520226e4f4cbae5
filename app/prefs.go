package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/saros-review/saros-review/viewer"
)

// Preference keys of the view settings, which persist across cases and
// runs: a reviewer who hides 12 of 13 labels does it once.
const (
	prefWidth          = "view.window.width"
	prefLevel          = "view.window.level"
	prefOpacity        = "view.opacity"
	prefRegionsShow    = "view.regions.show"
	prefPartsShow      = "view.parts.show"
	prefRegionsOutline = "view.regions.outline"
	prefTissues        = "view.tissues"
	prefPartsOutline   = "view.parts.outline"
	prefRegionsHidden  = "view.regions.hidden"
	prefPartsHidden    = "view.parts.hidden"
	prefCrosshair      = "view.crosshair"
	prefLayout         = "view.layout"
	prefMainView       = "view.main"
)

// loadStyle returns the saved view style, defaults where nothing is saved.
func loadStyle(p fyne.Preferences) *viewer.Style {
	st := viewer.DefaultStyle()
	st.Window.Width = p.FloatWithFallback(prefWidth, st.Window.Width)
	st.Window.Level = p.FloatWithFallback(prefLevel, st.Window.Level)
	st.Opacity = p.FloatWithFallback(prefOpacity, st.Opacity)
	st.Regions.Show = p.BoolWithFallback(prefRegionsShow, st.Regions.Show)
	st.Parts.Show = p.BoolWithFallback(prefPartsShow, st.Parts.Show)
	st.Regions.Outline = p.BoolWithFallback(prefRegionsOutline, st.Regions.Outline)
	st.Parts.Outline = p.BoolWithFallback(prefPartsOutline, st.Parts.Outline)
	st.Crosshair = p.BoolWithFallback(prefCrosshair, st.Crosshair)
	st.Tissues = p.BoolWithFallback(prefTissues, st.Tissues)
	st.Hatch = min(1, max(0, p.FloatWithFallback(prefHatch, st.Hatch)))
	st.AnnotatedRowsOnly = p.BoolWithFallback(prefRowsOnly, st.AnnotatedRowsOnly)
	setHidden(&st.Regions, p.String(prefRegionsHidden))
	setHidden(&st.Parts, p.String(prefPartsHidden))
	if st.Window.Width < 1 {
		st.Window.Width = 1
	}
	return st
}

// saveStyle stores the view style.
func saveStyle(p fyne.Preferences, st *viewer.Style) {
	p.SetFloat(prefWidth, st.Window.Width)
	p.SetFloat(prefLevel, st.Window.Level)
	p.SetFloat(prefOpacity, st.Opacity)
	p.SetBool(prefRegionsShow, st.Regions.Show)
	p.SetBool(prefPartsShow, st.Parts.Show)
	p.SetBool(prefRegionsOutline, st.Regions.Outline)
	p.SetBool(prefPartsOutline, st.Parts.Outline)
	p.SetBool(prefCrosshair, st.Crosshair)
	p.SetBool(prefTissues, st.Tissues)
	p.SetFloat(prefHatch, st.Hatch)
	p.SetBool(prefRowsOnly, st.AnnotatedRowsOnly)
	p.SetString(prefRegionsHidden, hiddenList(&st.Regions))
	p.SetString(prefPartsHidden, hiddenList(&st.Parts))
}

func hiddenList(m *viewer.MapStyle) string {
	var s []string
	for l, h := range m.Hidden {
		if h {
			s = append(s, strconv.Itoa(l))
		}
	}
	return strings.Join(s, ",")
}

func setHidden(m *viewer.MapStyle, list string) {
	for _, f := range strings.Split(list, ",") {
		if l, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && l >= 0 && l < 256 {
			m.Hidden[l] = true
		}
	}
}
