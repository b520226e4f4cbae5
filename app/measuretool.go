package app

import (
	"math"

	"github.com/saros-review/saros-review/annotate/measure"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/viewer/sliceview"
)

// measurer is the measuring tools' pointer input (a sliceview.ToolInput):
// a ruler is dragged from end to end, an ellipse from corner to corner of
// its box, a polygon region traced freehand; releasing adds it.
type measurer struct {
	kind  measure.Kind
	scene *sliceview.Scene
	draft *measure.Measurement // the shape being drawn
	// add receives a finished shape.
	add func(m measure.Measurement)
	// saved are the outlines of the case's measurements.
	saved []viewer.Shape
}

// Press starts a shape on the plane of the view pressed.
func (t *measurer) Press(v sliceview.Plane, p [3]float64, _ bool) {
	a := v.Frame().Normal
	q := measure.InPlane(a, p)
	t.draft = &measure.Measurement{Kind: t.kind, Axis: a, Slice: v.Slice(), Points: []measure.Point{q, q}}
	if t.kind == measure.Polygon {
		t.draft.Points = t.draft.Points[:1]
	}
	t.show()
}

// Drag moves the ruler's end or the ellipse's corner, or adds a point to
// the outline.
func (t *measurer) Drag(_ sliceview.Plane, p [3]float64) {
	d := t.draft
	if d == nil {
		return
	}
	q := measure.InPlane(d.Axis, p)
	if d.Kind == measure.Polygon {
		last := d.Points[len(d.Points)-1]
		if math.Hypot(q[0]-last[0], q[1]-last[1]) >= 0.5 {
			d.Points = append(d.Points, q)
		}
	} else {
		d.Points[1] = q
	}
	t.show()
}

// Release adds the shape drawn, unless it is too small to mean anything.
func (t *measurer) Release(sliceview.Plane) {
	d := t.draft
	t.draft = nil
	if d == nil {
		return
	}
	ok := len(d.Points) >= 3
	if d.Kind != measure.Polygon {
		ok = math.Hypot(d.Points[1][0]-d.Points[0][0], d.Points[1][1]-d.Points[0][1]) >= 1
	}
	if ok && t.add != nil {
		t.add(*d)
	}
	t.show()
}

// Hover does nothing: the tools draw only while the button is held.
func (t *measurer) Hover(sliceview.Plane, [3]float64, bool) {}

// show redraws with the shape being drawn.
func (t *measurer) show() {
	shapes := t.saved
	if t.draft != nil {
		shapes = append(t.saved[:len(t.saved):len(t.saved)], shapeOf(*t.draft))
	}
	t.scene.SetShapes(shapes)
}

// shapeOf is the outline of a measurement in voxel coordinates: an
// ellipse becomes a polygon of 64 sides.
func shapeOf(m measure.Measurement) viewer.Shape {
	s := viewer.Shape{Axis: int(m.Axis), Slice: m.Slice, Closed: m.Kind != measure.Ruler}
	pts := m.Points
	if m.Kind == measure.Ellipse && len(pts) == 2 {
		c := measure.Point{(pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2}
		r := [2]float64{math.Abs(pts[1][0]-pts[0][0]) / 2, math.Abs(pts[1][1]-pts[0][1]) / 2}
		pts = nil
		for n := range 64 {
			a := 2 * math.Pi * float64(n) / 64
			pts = append(pts, measure.Point{c[0] + r[0]*math.Cos(a), c[1] + r[1]*math.Sin(a)})
		}
	}
	for _, p := range pts {
		s.Points = append(s.Points, m.Voxel(p))
	}
	return s
}

var _ sliceview.ToolInput = (*measurer)(nil)
