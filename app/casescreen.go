package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/viewer/sliceview"
	"github.com/saros-review/saros-review/volume"
)

// CaseScreen shows one case: three linked views in a switchable layout,
// the slice strip beside the axial view, a label panel and a readout of
// the voxel under the pointer.
type CaseScreen struct {
	// Case is the model: the open case, its edit session, findings and
	// review state.
	Case *casework.Case
	caseViews
	sidePanels
	caseLines
	// Editor edits the case; nil when it has no label maps to edit.
	Editor  *Editor
	EditBar *EditBar
	// OnEdit runs after every change of the maps: it tells the model.
	OnEdit  func()
	content fyne.CanvasObject
	prefs   fyne.Preferences
	// askRecovery: autosaved edits are offered once QC on opening has
	// given the maps back.
	askRecovery bool
}

// caseViews are the three linked views, the slice strip and their layout.
type caseViews struct {
	Scene  *sliceview.Scene
	Views  map[viewer.View]*sliceview.SliceView
	Strip  *sliceview.Strip
	layout *viewsLayout
	body   *fyne.Container
}

// sidePanels are the tabs beside the views.
type sidePanels struct {
	tabs  *container.AppTabs
	Panel *LabelPanel
	// QC lists the case's findings.
	QC *QCPanel
	// BodyComp is the Body composition tab (nil without a regions map).
	BodyComp *BodyCompPanel
	// tagPanel is the DICOM tab of a case imported from DICOM (else nil).
	tagPanel *tagPanel
	// Review holds the Flags and History tabs (nil without a review store).
	Review *ReviewPanels
	// Measure is the Measurements tab.
	Measure *MeasurePanel
	// Compare is the Compare tab (nil until a comparison is made).
	Compare *ComparePanel
}

// caseLines are the lines of text around the views: the review status
// bar above them, the readout under the pointer, the message line and
// the status line below.
type caseLines struct {
	// statusActions holds the case's review status and the status changes
	// the user may make.
	statusActions *fyne.Container
	readout       *widget.Label
	pointer       pointerVoxel // what the readout describes while the pointer is over a view
	message       *textLine    // cut to one line; a click shows the full texts
	status        *textLine
}

// NewCaseScreen builds the screen of c with the saved view settings.
func NewCaseScreen(c *casework.Case, prefs fyne.Preferences) *CaseScreen {
	s := &CaseScreen{Case: c, prefs: prefs,
		caseViews: caseViews{Views: map[viewer.View]*sliceview.SliceView{}},
		caseLines: caseLines{readout: widget.NewLabel(" "), status: newTextLine(1), message: newTextLine(20)}}
	s.readout.Truncation = fyne.TextTruncateEllipsis
	s.Scene = sliceview.NewScene(c.Layers, loadStyle(prefs))
	var cells []fyne.CanvasObject
	for _, v := range viewer.Views {
		s.Views[v] = sliceview.New(s.Scene, v)
	}
	s.Strip = sliceview.NewStrip(s.Scene)
	cells = append(cells, container.NewBorder(nil, nil, s.Strip, nil, s.Views[viewer.Axial]), s.Views[viewer.Coronal], s.Views[viewer.Sagittal])
	s.layout = &viewsLayout{mode: LayoutMode(prefs.IntWithFallback(prefLayout, int(MainPlusTwo)) % 3),
		main: viewer.View(prefs.IntWithFallback(prefMainView, int(viewer.Axial)) % 3)}
	s.body = container.New(s.layout, cells...)
	var locks *[2][256]bool
	if sess := c.Edit; sess != nil {
		s.Scene.SetSliceNotes(sess.Notes) // the axial view shows why a slice is not annotated
		s.Editor = NewEditor(sess, s.Scene)
		s.Editor.OnMessage = func(m string) { s.message.SetText(m) }
		s.Editor.OnChange = func() {
			s.showReadout()
			if s.OnEdit != nil {
				s.OnEdit()
			}
		}
		s.EditBar = NewEditBar(s.Editor)
		locks = &sess.Locked
	}
	s.Panel = NewLabelPanel(s.Scene, locks)
	s.Scene.OnHover = s.hover
	s.wireWheel()
	s.Scene.OnCursor = func(c [3]int) {
		s.followCursor(c)
		s.updateStatus()
		if s.bodyCompShown() && c[2] != s.BodyComp.k {
			s.BodyComp.Refresh(c[2])
		}
	}
	s.Scene.OnStyle = func() {
		st := s.Scene.Style()
		saveStyle(prefs, &st)
		s.Panel.Sync()
		s.updateStatus()
	}
	s.QC = NewQCPanel()
	s.QC.Accepted = c.Accepted
	s.Strip.Marks = s.QC.Marks
	sliceReviewMarks(s)
	s.QC.OnSelect = s.jumpTo
	tabs := container.NewAppTabs(container.NewTabItem("Labels", s.Panel.Content()), container.NewTabItem("QC", s.QC.Content()))
	s.tabs = tabs
	if len(c.Tags) > 0 || c.TagsErr != nil {
		s.tagPanel = newTagPanel(c.Tags, c.TagsErr, deidNote(c.Deid, c.DeidErr))
		tabs.Append(container.NewTabItem("DICOM", s.tagPanel.content))
	}
	if c.Layers.Image != nil && c.Layers.Regions != nil {
		s.BodyComp = NewBodyCompPanel(c.ID, &c.Layers)
		s.BodyComp.OnJump = func(k int) {
			cur := s.Scene.Cursor()
			cur[2] = k
			s.Scene.SetCursor(cur)
			s.Views[viewer.Axial].CentreOn(cur)
			s.Scene.Redraw()
		}
		tabs.Append(container.NewTabItem("Body composition", s.BodyComp.Content()))
		tabs.OnSelected = func(*container.TabItem) {
			if s.bodyCompShown() {
				s.BodyComp.Refresh(s.Scene.Cursor()[2])
			}
		}
	}
	side := container.NewBorder(nil, nil, nil, nil, tabs)
	split := container.NewHSplit(s.body, side)
	split.Offset = 0.7
	s.statusActions = statusRow()
	top := container.NewVBox(s.statusActions)
	if s.EditBar != nil {
		top.Add(s.EditBar.Content())
	}
	s.content = container.NewBorder(top, container.NewVBox(s.readout, s.message, s.status), nil, nil, split)
	s.showReadout()
	s.updateStatus()
	return s
}

// edited shows a change of the maps the model reported; slices says
// which slices are annotated may have changed.
func (s *CaseScreen) edited(slices bool) {
	if slices {
		s.Scene.InvalidateSlices()
	}
	s.Scene.Redraw()
	if s.BodyComp != nil {
		s.BodyComp.MarkStale()
	}
	if s.EditBar != nil {
		s.EditBar.Sync()
	}
	s.updateStatus()
}

// showOriginals gives the changes overlay the maps as last saved, written
// out while the overlay is on and dropped when it is off (they are kept
// for annotated slices only).
func (s *CaseScreen) showOriginals() {
	if s.Editor == nil {
		return
	}
	l := s.Scene.Layers()
	l.Original = [2][]uint8{}
	if s.Scene.ChangesShown() {
		o := s.Editor.Session.Original
		l.Original = [2][]uint8{o[0].Flat(), o[1].Flat()}
	}
	s.Scene.SetLayers(l)
}

// bodyCompShown reports whether the Body composition tab is on screen.
func (s *CaseScreen) bodyCompShown() bool {
	return s.BodyComp != nil && s.tabs.Selected() != nil && s.tabs.Selected().Content == s.BodyComp.Content()
}

// Content is the screen's canvas object.
func (s *CaseScreen) Content() fyne.CanvasObject { return s.content }

// Layout returns the layout mode and the main view.
func (s *CaseScreen) Layout() (LayoutMode, viewer.View) { return s.layout.mode, s.layout.main }

// SetLayout switches the layout and main view, and remembers them.
func (s *CaseScreen) SetLayout(m LayoutMode, main viewer.View) {
	s.layout.mode, s.layout.main = m, main
	s.prefs.SetInt(prefLayout, int(m))
	s.prefs.SetInt(prefMainView, int(main))
	s.body.Refresh()
	s.updateStatus()
}

// Readout describes voxel ijk: index, world position, HU and the labels.
func Readout(l viewer.Layers, ijk [3]int) string {
	im := l.Image
	w := im.World(float64(ijk[0]), float64(ijk[1]), float64(ijk[2]))
	t := fmt.Sprintf("voxel (%d, %d, %d)   world (%.1f, %.1f, %.1f) mm   %d HU", ijk[0], ijk[1], ijk[2], w[0], w[1], w[2], im.At(ijk[0], ijk[1], ijk[2]))
	for _, m := range []struct {
		name  string
		lm    *volume.LabelMap
		table labels.Table
	}{{"region", l.Regions, labels.Regions}, {"part", l.Parts, labels.Parts}} {
		if m.lm == nil {
			continue
		}
		v := m.lm.At(ijk[0], ijk[1], ijk[2])
		name := m.table.Name(v)
		if name == "" {
			name = fmt.Sprintf("undefined label %d", v)
		}
		t += fmt.Sprintf("   %s: %s", m.name, name)
	}
	return t
}

// updateStatus shows cursor, window and layout.
func (s *CaseScreen) updateStatus() {
	c := s.Scene.Cursor()
	st := s.Scene.Style()
	im := s.Case.Layers.Image
	state := ""
	if ss := s.Scene.SliceStates(); ss != nil {
		state = " (" + ss[c[2]].String() + ")"
	}
	s.status.SetText(fmt.Sprintf("%s · %s · cursor (%d, %d, %d) · axial slice k = %d of 0–%d%s · W%.0f L%.0f · opacity %.0f%% · %s · ? for keys",
		s.Case.ID, im.AxCodes(), c[0], c[1], c[2], c[2], im.Dims[2]-1, state,
		st.Window.Width, st.Window.Level, st.Opacity*100, s.layout.mode))
}

// StatusText is the status line (for tests and screenshots).
func (s *CaseScreen) StatusText() string { return s.status.Text }

// ShowQC brings the QC tab to the front.
func (s *CaseScreen) ShowQC() { s.tabs.SelectIndex(1) }

// jumpTo shows a finding: its slice, the axial view centred on its
// component's box and zoomed so it is clearly visible (Home fits again),
// the box outlined.
func (s *CaseScreen) jumpTo(f qc.Finding) {
	sc := s.Scene
	if f.Slice < 0 {
		sc.SetBox(viewer.Box{})
		return
	}
	c := sc.Cursor()
	c[2] = f.Slice
	var box viewer.Box
	if f.I >= 0 && f.J >= 0 {
		c[0], c[1] = f.I, f.J
	}
	if f.BBox != nil {
		b := *f.BBox
		box = viewer.Box{Valid: true, I0: b[0], J0: b[1], I1: b[2], J1: b[3], K: f.Slice}
	}
	sc.SetBox(box)
	sc.SetCursor(c)
	ax := s.Views[viewer.Axial]
	if b := sc.Box(); b.Valid { // centred and zoomed so the box is clearly visible
		ax.ShowBox([3]int{b.I0, b.J0, b.K}, [3]int{b.I1, b.J1, b.K})
	} else {
		ax.CentreOn(c)
	}
	// The view moved under a still pointer: until it moves, the readout
	// names the voxel jumped to, not the one it was over before.
	s.pointer.over = false
	s.showReadout()
	sc.SetActive(ax)
	sc.Redraw()
	s.message.SetText(fmt.Sprintf("%s: %s", f.Rule, f.Message))
}
