package app

import (
	"bytes"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate/measure"
	"github.com/saros-review/saros-review/viewer/sliceview"
	"github.com/saros-review/saros-review/volume"
)

// Measuring tool choices of the Measurements tab.
const (
	measureOff     = "Off"
	measureRuler   = "Ruler"
	measureEllipse = "Ellipse ROI"
	measurePolygon = "Polygon ROI"
)

// MeasurePanel is the Measurements tab: the measuring tools, the case's
// rulers and regions of interest with their length or area and HU
// statistics, each removable, and CSV export. The list is kept beside
// the case's label maps (store measurements sidecar) after every change.
type MeasurePanel struct {
	list  *measure.List
	im    *volume.Image
	scene *sliceview.Scene
	tool  *measurer
	tools *widget.RadioGroup
	rows  *fyne.Container
	// Rows are the texts of the listed measurements (tests, screenshots).
	Rows    []string
	content fyne.CanvasObject
	// save keeps the list (nil: the case has no folder to keep it in).
	save func(*measure.List) error
	// OnMessage shows a line; OnTool runs when a measuring tool is chosen
	// (the editor leaves its tool); OnExport asks where to write the CSV.
	OnMessage func(string)
	OnTool    func()
	OnExport  func()
}

// NewMeasurePanel shows list (measurements of image im) over scene.
func NewMeasurePanel(list *measure.List, im *volume.Image, sc *sliceview.Scene, save func(*measure.List) error) *MeasurePanel {
	p := &MeasurePanel{list: list, im: im, scene: sc, save: save}
	p.tool = &measurer{scene: sc, add: p.add}
	kinds := map[string]measure.Kind{measureRuler: measure.Ruler, measureEllipse: measure.Ellipse, measurePolygon: measure.Polygon}
	p.tools = widget.NewRadioGroup([]string{measureOff, measureRuler, measureEllipse, measurePolygon}, func(n string) {
		releaseFocus(p.tools)
		k, on := kinds[n]
		if !on {
			if sc.Tool() == p.tool {
				sc.SetTool(nil)
			}
			return
		}
		if p.OnTool != nil {
			p.OnTool()
		}
		p.tool.kind = k
		sc.SetTool(p.tool)
		p.message(fmt.Sprintf("%s: drag in a view (%s)", n, map[measure.Kind]string{
			measure.Ruler: "from end to end", measure.Ellipse: "from corner to corner", measure.Polygon: "around the region"}[k]))
	})
	p.tools.Horizontal = true
	p.rows = container.NewVBox()
	export := newKeyButton("Export CSV…", func() {
		if p.OnExport != nil {
			p.OnExport()
		}
	})
	p.content = container.NewBorder(container.NewVBox(p.tools, export), nil, nil, nil, container.NewVScroll(p.rows))
	p.refresh()
	return p
}

// Content is the tab's canvas object.
func (p *MeasurePanel) Content() fyne.CanvasObject { return p.content }

// Choose selects a measuring tool by its name (Off, Ruler, …).
func (p *MeasurePanel) Choose(name string) { p.tools.SetSelected(name) }

// List is the case's measurements.
func (p *MeasurePanel) List() *measure.List { return p.list }

func (p *MeasurePanel) message(m string) {
	if p.OnMessage != nil {
		p.OnMessage(m)
	}
}

// add keeps a new measurement and shows its result.
func (p *MeasurePanel) add(m measure.Measurement) {
	id, err := p.list.Add(p.im.Grid, m)
	if err != nil {
		p.message("measurement not added: " + err.Error())
		return
	}
	p.changed()
	if m := p.list.Find(id); m != nil {
		p.message(p.describe(*m))
	}
}

// Remove deletes the measurement with the ID.
func (p *MeasurePanel) Remove(id int) {
	if p.list.Remove(id) {
		p.changed()
	}
}

// changed keeps the list and shows it.
func (p *MeasurePanel) changed() {
	if p.save != nil {
		if err := p.save(p.list); err != nil {
			p.message("measurements not kept: " + err.Error())
		}
	}
	p.refresh()
}

// refresh rebuilds the rows and the outlines in the views.
func (p *MeasurePanel) refresh() {
	p.rows.RemoveAll()
	p.Rows = nil
	p.tool.saved = nil
	for _, m := range p.list.Items {
		t := p.describe(m)
		p.Rows = append(p.Rows, t)
		l := widget.NewLabel(t)
		l.Wrapping = fyne.TextWrapWord
		id := m.ID
		p.rows.Add(container.NewBorder(nil, nil, nil, newKeyButton("Remove", func() { p.Remove(id) }), l))
		p.tool.saved = append(p.tool.saved, shapeOf(m))
	}
	if len(p.list.Items) == 0 {
		p.rows.Add(widget.NewLabel("No measurements: choose a tool above and drag in a view."))
	}
	p.scene.SetShapes(p.tool.saved)
}

// describe is a measurement's line: what, where and its result.
func (p *MeasurePanel) describe(m measure.Measurement) string {
	where := fmt.Sprintf("#%d %s, %s %d", m.ID, m.Kind, measure.PlaneName(p.im.Grid, m.Axis), m.Slice)
	r, err := m.Measure(p.im)
	switch {
	case err != nil:
		return where + ": " + err.Error()
	case m.Kind == measure.Ruler:
		return fmt.Sprintf("%s: %.1f mm", where, r.LengthMM)
	case r.N == 0:
		return fmt.Sprintf("%s: %.1f mm², no voxel inside", where, r.AreaMM2)
	}
	return fmt.Sprintf("%s: %.1f mm², %d voxels, HU mean %.1f SD %.1f min %.0f max %.0f", where, r.AreaMM2, r.N, r.Mean, r.SD, r.Min, r.Max)
}

// ExportCSV writes the measurements as CSV to path.
func (p *MeasurePanel) ExportCSV(path string) error {
	var b bytes.Buffer
	if err := measure.WriteCSV(&b, p.list, p.im); err != nil {
		return fmt.Errorf("measurements CSV %s: %w", path, err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("measurements CSV: %w", err)
	}
	return nil
}

// wireMeasurements adds the Measurements tab to a case screen: the case's
// kept measurements, kept again after every change.
func (c *Controller) wireMeasurements(s *CaseScreen) {
	im := s.Case.Layers.Image
	list := &measure.List{Version: measure.Version}
	var save func(*measure.List) error
	if ld := s.Case.Loaded; ld != nil && ld.Case != nil && ld.Case.Dir != "" {
		l, err := ld.Case.LoadMeasurements(im.Grid)
		if err != nil {
			s.message.SetText(err.Error() + " (the file is left as it is; new measurements are not kept)")
		} else {
			// The model keeps them in the background, or on screen only
			// where the window writes nothing.
			list, save = l, func(l *measure.List) error { c.Work.SaveMeasurements(l); return nil }
		}
	}
	p := NewMeasurePanel(list, im, s.Scene, save)
	p.OnMessage = func(m string) { s.message.SetText(m) }
	p.OnTool = func() {
		if s.Editor != nil {
			s.Editor.SetTool(ToolNavigate)
			s.EditBar.Sync()
		}
	}
	if s.Editor != nil {
		s.Editor.OnTool = func(t Tool) {
			if t != ToolNavigate {
				p.Choose(measureOff) // an editing tool takes the views
			}
		}
	}
	p.OnExport = func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			if err := p.ExportCSV(path); err != nil {
				dialog.ShowError(err, c.Window)
				return
			}
			s.message.SetText("measurements written to " + path)
		}, c.Window)
		d.SetFileName(s.Case.ID + "_measurements.csv")
		d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
		d.Show()
	}
	s.Measure = p
	s.tabs.Append(container.NewTabItem("Measurements", p.Content()))
}
