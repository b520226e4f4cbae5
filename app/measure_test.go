package app

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/annotate/measure"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
)

// tapKeyButton taps the button labelled text under o.
func tapKeyButton(t *testing.T, o fyne.CanvasObject, text string, n int) {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*keyButton); ok && b.Text == text {
			if n == 0 {
				test.Tap(b)
				return
			}
			n--
		}
	}
	t.Fatalf("no button %q", text)
}

// TestMeasuringInTheViews: a ruler, an ellipse and a polygon drawn by
// dragging in the axial view are listed with length, area and HU
// statistics matching annotate/measure, outlined in the views, kept in
// the case's measurements file (and there when the case opens again),
// removable, and exported as CSV.
func TestMeasuringInTheViews(t *testing.T) {
	c, s, dir := openEditable(t)
	p := s.Measure
	if p == nil {
		t.Fatal("no Measurements tab")
	}
	ax := s.Views[viewer.Axial]
	k := ax.Slice()
	at := func(i, j float64) fyne.Position { return ax.PositionOf([3]int{int(i), int(j), k}) }

	radio := tappables(p.tools)
	test.Tap(radio[1]) // Ruler
	if s.Scene.Tool() != p.tool || p.tool.kind != measure.Ruler {
		t.Fatal("choosing Ruler did not make it the views' tool")
	}
	drag(ax, at(100, 128), at(160, 128), 6)
	test.Tap(radio[2]) // Ellipse
	drag(ax, at(110, 110), at(150, 140), 5)
	test.Tap(radio[3]) // Polygon
	corners := []fyne.Position{at(120, 90), at(150, 90), at(150, 120), at(120, 120)}
	for n := 1; n < len(corners); n++ {
		d := corners[n].Subtract(corners[n-1])
		ax.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: corners[n]}, Dragged: fyne.NewDelta(d.X, d.Y)})
	}
	ax.DragEnd()

	c.TypedRune('b') // an editing tool takes the views from the measuring tool
	if s.Scene.Tool() != s.Editor || p.tools.Selected != measureOff {
		t.Errorf("after B: views' tool %T, measuring tool %q", s.Scene.Tool, p.tools.Selected)
	}
	test.Tap(radio[1])
	if s.Scene.Tool() != p.tool || s.Editor.Tool() != ToolNavigate {
		t.Errorf("choosing Ruler again: views' tool %T, editor tool %v", s.Scene.Tool, s.Editor.Tool())
	}

	l := p.List()
	if len(l.Items) != 3 || len(p.Rows) != 3 {
		t.Fatalf("%d measurements, %d rows: %q", len(l.Items), len(p.Rows), p.Rows)
	}
	for x, kind := range []measure.Kind{measure.Ruler, measure.Ellipse, measure.Polygon} {
		m := l.Items[x]
		r, err := m.Measure(s.Case.Layers.Image)
		if m.Kind != kind || err != nil || m.Slice != k {
			t.Fatalf("item %d: %s on slice %d, %v", x, m.Kind, m.Slice, err)
		}
		row := p.Rows[x]
		if kind == measure.Ruler {
			if r.LengthMM < 50 || !strings.Contains(row, " mm") {
				t.Errorf("ruler %.1f mm, row %q", r.LengthMM, row)
			}
			continue
		}
		if r.N == 0 || r.AreaMM2 <= 0 || !strings.Contains(row, "HU mean") || !strings.Contains(row, "SD") || !strings.Contains(row, "max") {
			t.Errorf("%s: %+v, row %q", kind, r, row)
		}
	}
	if len(s.Scene.Shapes()) != 3 || s.Scene.Shapes()[1].Closed != true || len(s.Scene.Shapes()[1].Points) != 64 {
		t.Errorf("views outline %d shapes", len(s.Scene.Shapes()))
	}
	render := func(m viewer.Marks) string {
		var r viewer.Renderer
		st := s.Scene.Style()
		return string(r.Render(nil, s.Scene.Layers(), ax.Frame(), k, viewer.Fit(ax.Frame(), 300, 300), &st, viewer.Cursor{Marks: m}).Pix)
	}
	if render(s.Scene.Marks()) == render(viewer.Marks{}) {
		t.Error("the outlines are not drawn")
	}

	tapKeyButton(t, p.Content(), "Remove", 0) // the ruler
	if len(l.Items) != 2 || l.Items[0].Kind != measure.Ellipse {
		t.Fatalf("after removing the ruler: %d items", len(l.Items))
	}
	settle(t, c) // kept in the background
	side := filepath.Join(dir, filepath.FromSlash(store.MeasurementsFile))
	if b, err := os.ReadFile(side); err != nil || strings.Count(string(b), `"kind"`) != 2 {
		t.Fatalf("measurements file: %v\n%s", err, b)
	}
	out := filepath.Join(t.TempDir(), "m.csv")
	if err := p.ExportCSV(out); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(out)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) != 3 || recs[1][2] != "ellipse" || recs[2][2] != "polygon" {
		t.Fatalf("CSV: %v %q", err, recs)
	}

	c.OpenPath(dir)
	s2 := wait(t, testers[c])
	if n := len(s2.Measure.List().Items); n != 2 || len(s2.Scene.Shapes()) != 2 {
		t.Errorf("reopened case shows %d measurements", n)
	}
}
