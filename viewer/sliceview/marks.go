package sliceview

import "github.com/saros-review/saros-review/viewer"

// Layers are the volumes the views show.
func (s *Scene) Layers() viewer.Layers { return s.layers }

// SetLayers shows other volumes of the same grid (a preview of derived
// parts, the maps as last saved for the changes overlay) and redraws.
func (s *Scene) SetLayers(l viewer.Layers) {
	s.layers = l
	s.Redraw()
}

// renderLayers are the layers a view draws: the scene's, with the axial
// slices' states when the style shows annotated rows only (the renderer
// needs them then; they follow every edit through SlicesChanged).
func (s *Scene) renderLayers() viewer.Layers {
	l := s.layers
	if s.style.AnnotatedRowsOnly {
		l.Slices = s.SliceStates()
	}
	return l
}

// Style is a copy of the display style; change it with UpdateStyle.
func (s *Scene) Style() viewer.Style { return *s.style }

// UpdateStyle changes the display style with change, redraws and tells
// OnStyle.
func (s *Scene) UpdateStyle(change func(st *viewer.Style)) {
	change(s.style)
	s.StyleChanged()
}

// Tool is the input the primary button goes to (nil: the cursor).
func (s *Scene) Tool() ToolInput { return s.tool }

// SetTool makes t take the primary button's clicks and drags (in voxel
// coordinates) instead of the cursor; nil gives them back to the cursor.
// The brush outline and polygon go with the tool.
func (s *Scene) SetTool(t ToolInput) {
	s.tool = t
	s.marks.BrushMM, s.marks.Polygon = 0, nil
	s.Redraw()
}

// SetSliceNotes gives, by axial slice, why it was marked not annotated;
// the axial view shows the reason on such a slice.
func (s *Scene) SetSliceNotes(notes map[int]string) {
	s.notes = notes
	s.Redraw()
}

// Marks are what the views draw besides the crosshair (a copy).
func (s *Scene) Marks() viewer.Marks { return s.marks }

// Box is the outline of a QC finding's component (Valid false: none).
func (s *Scene) Box() viewer.Box { return s.marks.Box }

// SetBox outlines a QC finding's component in the axial view (b.Valid
// false: none) and redraws.
func (s *Scene) SetBox(b viewer.Box) {
	if b == s.marks.Box {
		return
	}
	s.marks.Box = b
	s.Redraw()
}

// SetBoxes outlines more components in the axial view (the specks a
// clean-up would change; nil: none) and redraws.
func (s *Scene) SetBoxes(bs []viewer.Box) {
	s.marks.Boxes = bs
	s.Redraw()
}

// Boxes are the components outlined besides the Box; the caller must not
// change them.
func (s *Scene) Boxes() []viewer.Box { return s.marks.Boxes }

// SetPreview marks the voxels an edit would change (the zero Preview:
// none) and redraws.
func (s *Scene) SetPreview(p viewer.Preview) {
	s.marks.Preview = p
	s.Redraw()
}

// Preview is the edit preview shown.
func (s *Scene) Preview() viewer.Preview { return s.marks.Preview }

// SetShapes shows the case's measurements in the views of their planes
// and redraws.
func (s *Scene) SetShapes(sh []viewer.Shape) {
	s.marks.Shapes = sh
	s.Redraw()
}

// Shapes are the measurements shown; the caller must not change them.
func (s *Scene) Shapes() []viewer.Shape { return s.marks.Shapes }

// Polygon is the outline being drawn, in fractional voxels; the caller
// must not change it.
func (s *Scene) Polygon() [][3]float64 { return s.marks.Polygon }

// SetPolygon shows pts as the outline being drawn in view v (nil: none)
// and redraws.
func (s *Scene) SetPolygon(v viewer.View, pts [][3]float64) {
	s.toolView, s.marks.Polygon = v, pts
	s.Redraw()
}

// Brush is where the brush outline is and its radius (0: none shown).
func (s *Scene) Brush() (at [3]float64, mm float64) { return s.marks.BrushAt, s.marks.BrushMM }

// SetBrush shows the outline of a round brush of radius mm (0: none)
// centred on fractional voxel at in view v, and redraws the views the
// outline was or is drawn in.
func (s *Scene) SetBrush(v viewer.View, at [3]float64, mm float64) {
	was := s.toolView
	s.toolView, s.marks.BrushAt, s.marks.BrushMM = v, at, mm
	for _, sv := range s.views {
		if sv.view == v || sv.view == was {
			sv.Refresh()
		}
	}
}

// SetDisagreement marks the voxels two compared maps disagree on (the
// zero Disagreement: none) and redraws.
func (s *Scene) SetDisagreement(d viewer.Disagreement) {
	s.marks.Disagree = d
	s.Redraw()
}

// Disagreement is the comparison overlay shown.
func (s *Scene) Disagreement() viewer.Disagreement { return s.marks.Disagree }
