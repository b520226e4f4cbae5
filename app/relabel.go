package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/viewer/sliceview"
)

// prefRelabelLimit is the preference holding the relabel confirmation
// size, in voxels (0: never ask).
const prefRelabelLimit = "relabel_limit"

// relabelState is the relabel tool's preview and confirmation setting.
type relabelState struct {
	// Limit is the component size, in voxels, above which a relabel asks
	// before it is made (0: never ask).
	Limit int
	// Confirm asks the user question and runs yes on consent; nil: a
	// relabel above Limit is refused with a message.
	Confirm func(question string, yes func())
	at      [3]int // the voxel the preview was computed for
	label   uint8  // and the label it would give
}

// previewRelabel shows, while the relabel tool hovers over the axial
// view, the voxels a click there would change (the component the tool
// would relabel), computed by doing the edit and taking it back.
func (e *Editor) previewRelabel(v sliceview.Plane, p [3]float64, inside bool) {
	sc := e.scene
	if e.tool != ToolRelabel || !inside || v.View() != viewer.Axial {
		if sc.Preview().Valid {
			sc.SetPreview(viewer.Preview{})
			sc.Redraw()
		}
		return
	}
	at := [3]int{round(p[0]), round(p[1]), round(p[2])}
	lab := e.Label[e.Map]
	if sc.Preview().Valid && at == e.relabel.at && lab == e.relabel.label {
		return
	}
	sc.SetPreview(viewer.Preview{})
	if e.Session.Editable(at[2]) == nil && e.Session.Image.Grid.Contains(at[0], at[1], at[2]) {
		ch, err := e.Session.PreviewRelabel(at[2], at[0], at[1], e.Map, lab, annotate.Four)
		if err == nil && ch.Count > 0 {
			sc.SetPreview(viewer.Preview{Valid: true, K: ch.K, I0: ch.I0, J0: ch.J0, I1: ch.I1, J1: ch.J1, Mask: ch.Mask})
			e.message(fmt.Sprintf("relabel here: %d voxels of %s would become %s", ch.Count,
				e.Map.Table().Name(e.Session.Maps[e.Map].At(at[0], at[1], at[2])), e.Map.Table().Name(lab)))
		}
	}
	e.relabel.at, e.relabel.label = at, lab
	sc.Redraw()
}

// relabelAt relabels the 4-connected component under (i, j) of slice k;
// above the limit it shows what would change and asks first.
func (e *Editor) relabelAt(k, i, j int) {
	s := e.Session
	from := s.Maps[e.Map].At(i, j, k)
	name := fmt.Sprintf("relabel: %s → %s", e.Map.Table().Name(from), e.Map.Table().Name(e.Label[e.Map]))
	m, lab := e.Map, e.Label[e.Map]
	c, _, err := s.RelabelLimited(name, k, i, j, m, lab, annotate.Four, e.relabel.Limit)
	var big *annotate.TooLargeError
	switch {
	case errors.As(err, &big):
		ch := big.Change
		e.scene.SetPreview(viewer.Preview{Valid: true, K: ch.K, I0: ch.I0, J0: ch.J0, I1: ch.I1, J1: ch.J1, Mask: ch.Mask})
		q := fmt.Sprintf("Relabel %d voxels of %s to %s on slice %d?\nThat is more than the %d voxels set in Edit › Relabel confirmation size.",
			ch.Count, e.Map.Table().Name(from), e.Map.Table().Name(lab), k, big.Limit)
		if e.relabel.Confirm == nil {
			e.message("not relabelled: " + err.Error())
			return
		}
		e.relabel.Confirm(q, func() {
			c, _, err := s.RelabelLimited(name, k, i, j, m, lab, annotate.Four, 0)
			e.relabelDone(c, err)
		})
	default:
		e.relabelDone(c, err)
	}
}

// relabelDone reports a relabel and redraws.
func (e *Editor) relabelDone(c *annotate.Commit, err error) {
	e.scene.SetPreview(viewer.Preview{})
	switch {
	case err != nil:
		e.message("Cannot relabel: " + err.Error())
	case c == nil:
		e.message("nothing changed (protected, locked or already that label)")
	default:
		e.message(fmt.Sprintf("%s: %d voxels", c.Name, c.Changed))
	}
	e.scene.InvalidateSlices()
	e.changed()
}

// wireRelabel gives the case screen's relabel tool the saved confirmation
// size and a dialog to ask with.
func (c *Controller) wireRelabel(s *CaseScreen) {
	if s.Editor == nil {
		return
	}
	s.Editor.relabel.Limit = c.App.Preferences().IntWithFallback(prefRelabelLimit, annotate.DefaultRelabelLimit)
	s.Editor.relabel.Confirm = func(q string, yes func()) {
		d := dialog.NewConfirm("Relabel a large component?", q, func(ok bool) {
			if ok {
				yes()
				return
			}
			s.Scene.SetPreview(viewer.Preview{})
			s.message.SetText("relabel cancelled")
		}, c.Window)
		d.SetConfirmText("Relabel")
		d.Show()
	}
}

// relabelLimitDialog lets the user set the relabel confirmation size
// (kept across runs).
func (c *Controller) relabelLimitDialog() {
	p := c.App.Preferences()
	e := widget.NewEntry()
	e.SetText(strconv.Itoa(p.IntWithFallback(prefRelabelLimit, annotate.DefaultRelabelLimit)))
	e.Validator = func(t string) error {
		if n, err := strconv.Atoi(strings.TrimSpace(t)); err != nil || n < 0 {
			return errors.New("a whole number of voxels, 0 or more")
		}
		return nil
	}
	form := []*widget.FormItem{widget.NewFormItem("Ask above (voxels, 0: never)", e)}
	dialog.ShowForm("Relabel confirmation size", "Set", "Cancel", form, func(ok bool) {
		if ok {
			c.SetRelabelLimit(e.Text)
		}
	}, c.Window)
}

// SetRelabelLimit sets the relabel confirmation size from text (voxels,
// 0: never ask), keeps it and applies it to the open case.
func (c *Controller) SetRelabelLimit(text string) error {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 0 {
		return fmt.Errorf("relabel confirmation size %q: want a whole number of voxels, 0 or more", text)
	}
	c.App.Preferences().SetInt(prefRelabelLimit, n)
	if c.Screen != nil && c.Screen.Editor != nil {
		c.Screen.Editor.relabel.Limit = n
	}
	return nil
}
