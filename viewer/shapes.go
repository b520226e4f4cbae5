package viewer

import "image"

// Shape is an outline drawn over the views whose plane holds it: a ruler
// (two points, open) or a region of interest (closed). Points are
// fractional voxels; Axis and Slice name the plane (the array axis normal
// to it and the index along it).
type Shape struct {
	Axis   int
	Slice  int
	Points [][3]float64
	Closed bool
}

// shapes draws the shapes on the plane shown (normal axis, slice n).
func shapes(dst *image.RGBA, f Frame, vp Viewport, n int, ss []Shape) {
	for _, s := range ss {
		if s.Axis != int(f.Normal) || s.Slice != n || len(s.Points) < 2 {
			continue
		}
		px, py := screenOf(f, vp, s.Points[0])
		for _, p := range s.Points[1:] {
			x, y := screenOf(f, vp, p)
			line(dst, px, py, x, y)
			px, py = x, y
		}
		if s.Closed {
			x, y := screenOf(f, vp, s.Points[0])
			line(dst, px, py, x, y)
		}
	}
}
