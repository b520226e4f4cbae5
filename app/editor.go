package app

import (
	"fmt"
	"math"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/viewer/sliceview"
	"github.com/saros-review/saros-review/volume"
)

// Tool is an editing tool of the case screen.
type Tool int

// The tools, with their keys.
const (
	ToolNavigate  Tool = iota // N: clicks move the cursor
	ToolBrush                 // B
	ToolEraser                // E
	ToolFill                  // G
	ToolPolygon               // P
	ToolThreshold             // T
	ToolRelabel               // R
)

var toolNames = [...]string{"navigate", "brush", "eraser", "fill", "polygon", "threshold brush", "relabel component"}

// ToolKeys maps keys to tools.
var ToolKeys = map[rune]Tool{'n': ToolNavigate, 'b': ToolBrush, 'e': ToolEraser, 'g': ToolFill, 'p': ToolPolygon, 't': ToolThreshold, 'r': ToolRelabel}

// String names the tool.
func (t Tool) String() string { return toolNames[t] }

// ThresholdPresets are the threshold brush's HU ranges (inclusive); the
// last, "custom", takes Editor.Custom.
var ThresholdPresets = []struct {
	Name   string
	Lo, Hi int16
}{{"adipose", -190, -30}, {"muscle", -29, 150}, {"bone", 150, 3071}, {"custom", 0, 0}}

// Editor turns pointer input from the views into edits of the session:
// the thin layer between Fyne and the toolkit-free tools.
type Editor struct {
	Session   *annotate.Session
	scene     *sliceview.Scene
	tool      Tool
	Map       annotate.Map
	Label     [2]uint8 // active label per map
	RadiusMM  float64
	Threshold int      // index into ThresholdPresets
	Custom    [2]int16 // the custom threshold range, HU

	gesture gesture
	relabel relabelState

	// OnChange runs after every change of the maps (commit, undo, redo);
	// OnMessage shows a line in the status bar.
	OnChange  func()
	OnMessage func(string)
	// OnTool runs after a tool was chosen (the measuring tools step aside).
	OnTool func(Tool)
}

// gesture is the state of the pointer gesture under way.
type gesture struct {
	stroking bool       // a brush stroke is under way
	lasso    bool       // the polygon is being traced by a drag
	last     [3]float64 // the stroke's last point
	polyK    int        // the slice of the polygon being drawn
}

// NewEditor edits the session shown in the scene.
func NewEditor(sess *annotate.Session, sc *sliceview.Scene) *Editor {
	return &Editor{Session: sess, scene: sc, Label: [2]uint8{labels.RegionMuscle, labels.PartTorso}, RadiusMM: 3, Custom: [2]int16{-100, 100},
		relabel: relabelState{Limit: annotate.DefaultRelabelLimit}}
}

// Tool returns the active tool.
func (e *Editor) Tool() Tool { return e.tool }

// SetTool selects a tool; navigate hands clicks back to the cursor.
func (e *Editor) SetTool(t Tool) {
	e.cancelPolygon()
	e.tool = t
	if t == ToolNavigate {
		e.scene.SetTool(nil)
	} else {
		e.scene.SetTool(e)
	}
	e.scene.SetPreview(viewer.Preview{})
	e.message(fmt.Sprintf("tool: %s — %s", t, e.labelName()))
	if e.OnTool != nil {
		e.OnTool(t)
	}
}

func (e *Editor) labelName() string {
	if e.tool == ToolEraser {
		return "erases both maps"
	}
	return fmt.Sprintf("%s: %s", e.Map, e.Map.Table().Name(e.Label[e.Map]))
}

func (e *Editor) message(m string) {
	if e.OnMessage != nil {
		e.OnMessage(m)
	}
}

func (e *Editor) changed() {
	e.scene.Redraw()
	if e.OnChange != nil {
		e.OnChange()
	}
}

// brush is the brush of the active tool.
func (e *Editor) brush() annotate.Brush {
	b := annotate.Brush{Map: e.Map, Label: e.Label[e.Map], RadiusMM: e.RadiusMM}
	switch e.tool {
	case ToolEraser:
		b.Label = 0
	case ToolThreshold:
		b.Threshold, b.Lo, b.Hi = true, e.thresholdRange()[0], e.thresholdRange()[1]
	}
	return b
}

// thresholdRange is the HU range of the threshold brush.
func (e *Editor) thresholdRange() [2]int16 {
	p := ThresholdPresets[e.Threshold]
	if p.Name == "custom" {
		return e.Custom
	}
	return [2]int16{p.Lo, p.Hi}
}

// strokeName names the undo step of the active tool.
func (e *Editor) strokeName() string {
	switch e.tool {
	case ToolEraser:
		return "eraser"
	case ToolThreshold:
		return fmt.Sprintf("threshold brush (%s): %s", ThresholdPresets[e.Threshold].Name, e.Map.Table().Name(e.Label[e.Map]))
	}
	return fmt.Sprintf("%s: %s", e.tool, e.Map.Table().Name(e.Label[e.Map]))
}

// editable checks that the view and slice take edits, saying why not.
func (e *Editor) editable(v sliceview.Plane) (int, bool) {
	if v.View() != viewer.Axial || v.Frame().Normal != volume.AxisK {
		e.message(fmt.Sprintf("Tools act on axial slices; the %s view only shows where you are.", v.View()))
		return 0, false
	}
	k := v.Slice()
	if err := e.Session.Editable(k); err != nil {
		e.message("Cannot edit: " + err.Error())
		return 0, false
	}
	return k, true
}

func round(x float64) int { return int(math.Floor(x + 0.5)) }

// Press starts a stroke, fills, relabels, adds a polygon point, or with
// ctrl picks the labels under the pointer.
func (e *Editor) Press(v sliceview.Plane, p [3]float64, ctrl bool) {
	i, j, k := round(p[0]), round(p[1]), round(p[2])
	g := e.Session.Image.Grid
	if ctrl {
		if g.Contains(i, j, k) {
			r, pt := e.Session.Pick(i, j, k)
			if r != volume.NotAnnotated {
				e.Label = [2]uint8{r, pt}
				if r == 0 {
					e.Label[0] = labels.RegionMuscle
				}
				e.message(fmt.Sprintf("picked region %s, part %s", labels.Regions.Name(r), labels.Parts.Name(pt)))
				if e.OnChange != nil {
					e.OnChange()
				}
			}
		}
		return
	}
	k, ok := e.editable(v)
	if !ok {
		return
	}
	s := e.Session
	switch e.tool {
	case ToolBrush, ToolEraser, ToolThreshold:
		if s.Begin(e.strokeName()) != nil {
			return
		}
		s.Dab(k, p[0], p[1], e.brush())
		e.gesture.stroking, e.gesture.last = true, p
		e.scene.Redraw()
	case ToolFill:
		s.Begin(fmt.Sprintf("fill: %s", e.Map.Table().Name(e.Label[e.Map])))
		s.Fill(k, i, j, e.Map, e.Label[e.Map])
		e.commit()
	case ToolRelabel:
		if !g.Contains(i, j, k) {
			return
		}
		e.relabelAt(k, i, j)
	case ToolPolygon:
		e.addPolygonPoint(v, k, p)
	}
}

// Drag continues a stroke with a continuous line from the last point;
// with the polygon tool it traces a freehand lasso.
func (e *Editor) Drag(v sliceview.Plane, p [3]float64) {
	if poly := e.scene.Polygon(); e.tool == ToolPolygon && len(poly) > 0 {
		last := poly[len(poly)-1]
		if math.Hypot(p[0]-last[0], p[1]-last[1]) >= 1 {
			e.gesture.lasso = true
			e.scene.SetPolygon(viewer.Axial, append(poly, p))
		}
		return
	}
	if !e.gesture.stroking {
		return
	}
	e.Session.Line(round(e.gesture.last[2]), e.gesture.last[0], e.gesture.last[1], p[0], p[1], e.brush())
	e.gesture.last = p
	_, mm := e.scene.Brush()
	e.scene.SetBrush(viewer.Axial, p, mm)
	e.scene.Redraw() // the maps changed
}

// Release ends a stroke (one undo step), or closes a lasso.
func (e *Editor) Release(sliceview.Plane) {
	if e.gesture.lasso {
		e.gesture.lasso = false
		e.ClosePolygon()
		return
	}
	if e.gesture.stroking {
		e.gesture.stroking = false
		e.commit()
	}
}

// Hover shows the brush outline under the pointer in the axial view.
func (e *Editor) Hover(v sliceview.Plane, p [3]float64, inside bool) {
	e.previewRelabel(v, p, inside)
	brushLike := e.tool == ToolBrush || e.tool == ToolEraser || e.tool == ToolThreshold
	mm := 0.0
	if inside && brushLike && v.View() == viewer.Axial {
		mm = e.RadiusMM
	}
	if _, was := e.scene.Brush(); mm == 0 && was == 0 {
		return
	}
	e.scene.SetBrush(viewer.Axial, p, mm)
}

func (e *Editor) commit() {
	c := e.Session.Commit()
	if c != nil {
		e.message(fmt.Sprintf("%s: %d voxels", c.Name, c.Changed))
	} else {
		e.message("nothing changed (protected, locked or already that label)")
	}
	e.changed()
}

// addPolygonPoint adds a vertex; a click near the first vertex closes
// and fills the polygon.
func (e *Editor) addPolygonPoint(v sliceview.Plane, k int, p [3]float64) {
	sc := e.scene
	if len(sc.Polygon()) > 0 && k != e.gesture.polyK {
		e.cancelPolygon()
	}
	if poly := sc.Polygon(); len(poly) >= 3 && closesPolygon(poly[0], p, e.Session.Image.Spacing, v.UnitsPerMM()) {
		e.ClosePolygon()
		return
	}
	e.gesture.polyK = k
	sc.SetPolygon(viewer.Axial, append(sc.Polygon(), p))
	e.message(fmt.Sprintf("polygon: %d points — click the first point or press Enter to fill, Escape to cancel", len(sc.Polygon())))
}

// CloseDistance is how near the first corner, in screen units, a click
// closes a polygon.
const CloseDistance = 8

// closesPolygon reports whether a click at voxel p of an axial slice
// lands within CloseDistance screen units of the polygon's first corner,
// at unitsPerMM screen units per millimetre (spacing is the voxel size).
func closesPolygon(first, p [3]float64, spacing [3]float64, unitsPerMM float64) bool {
	dx, dy := (p[0]-first[0])*spacing[0], (p[1]-first[1])*spacing[1]
	return math.Hypot(dx, dy)*unitsPerMM < CloseDistance
}

// ClosePolygon fills the polygon drawn so far (one undo step).
func (e *Editor) ClosePolygon() bool {
	sc := e.scene
	poly := sc.Polygon()
	if len(poly) < 3 {
		return false
	}
	pts := make([][2]float64, len(poly))
	for n, p := range poly {
		pts[n] = [2]float64{p[0], p[1]}
	}
	sc.SetPolygon(viewer.Axial, nil)
	if e.Session.Begin(fmt.Sprintf("polygon: %s", e.Map.Table().Name(e.Label[e.Map]))) == nil {
		e.Session.Polygon(e.gesture.polyK, pts, e.Map, e.Label[e.Map])
		e.commit()
	}
	return true
}

// cancelPolygon drops a polygon being drawn; it reports whether there was
// one.
func (e *Editor) cancelPolygon() bool {
	had := len(e.scene.Polygon()) > 0
	if had {
		e.scene.SetPolygon(viewer.Axial, nil)
	}
	return had
}

// Undo and Redo step through the history.
func (e *Editor) Undo() {
	if c, err := e.Session.Undo(); err == nil {
		e.message("undid " + c.Name)
		e.scene.SlicesChanged(c.Slices()...)
		e.changed()
	}
}

// Redo re-applies the last undone step.
func (e *Editor) Redo() {
	if c, err := e.Session.Redo(); err == nil {
		e.message("redid " + c.Name)
		e.scene.SlicesChanged(c.Slices()...)
		e.changed()
	}
}

// StepNames name the steps Undo and Redo would take ("" for none).
func (e *Editor) StepNames() (undo, redo string) {
	return e.Session.History.UndoName(), e.Session.History.RedoName()
}

// SetRadius changes the brush radius (1 to 50 mm).
func (e *Editor) SetRadius(mm float64) {
	e.RadiusMM = math.Max(0.5, math.Min(50, mm))
	if at, mm := e.scene.Brush(); mm > 0 {
		e.scene.SetBrush(viewer.Axial, at, e.RadiusMM)
	}
	e.message(fmt.Sprintf("brush radius %.1f mm", e.RadiusMM))
}

// MarkSlice marks the cursor's axial slice not annotated, with a reason.
func (e *Editor) MarkSlice(reason string) {
	k := e.scene.Cursor()[2]
	if err := e.Session.MarkNotAnnotated(k, reason); err != nil {
		e.message("Cannot mark: " + err.Error())
		return
	}
	e.scene.SlicesChanged(k)
	e.message(fmt.Sprintf("slice %d marked not annotated (%s)", k, reason))
	e.changed()
}

// RestoreSlice makes the cursor's slice annotated again.
func (e *Editor) RestoreSlice() {
	k := e.scene.Cursor()[2]
	if err := e.Session.RestoreSlice(k); err != nil {
		e.message("Cannot restore: " + err.Error())
		return
	}
	e.scene.SlicesChanged(k)
	e.message(fmt.Sprintf("slice %d annotated again", k))
	e.changed()
}
