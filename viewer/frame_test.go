package viewer

import (
	"bytes"
	"math"
	"testing"
)

// TestScreenVoxelRoundTrip: the voxel under a voxel's screen centre is that
// voxel, in every view and storage order, at any zoom and pan.
func TestScreenVoxelRoundTrip(t *testing.T) {
	for _, o := range orientations {
		l := layersAs(o.perm, o.flip)
		for _, v := range Views {
			f := NewFrame(l.Image.Grid, v)
			vp := Fit(f, 300, 240)
			vp.ZoomAbout(100, 80, 2.7)
			vp.Pan(-35, 12)
			for _, ijk := range [][3]int{{0, 0, 0}, {5, 7, 9}, {l.Image.Dims[0] - 1, l.Image.Dims[1] - 1, l.Image.Dims[2] - 1}} {
				u, w, n := f.ScreenUV(ijk)
				x, y := vp.VoxelCentre(f, u, w)
				u2, w2, ok := vp.VoxelAt(f, x, y)
				if !ok || u2 != u || w2 != w || f.Voxel(u2, w2, n) != ijk {
					t.Errorf("%s %s: voxel %v -> screen (%.1f,%.1f) -> %v", o.name, v, ijk, x, y, f.Voxel(u2, w2, n))
				}
			}
		}
	}
}

// TestZoomKeepsPointUnderPointer: zooming about a point leaves the frame
// point under it unchanged; fit shows the whole frame at physical aspect.
func TestZoomKeepsPointUnderPointer(t *testing.T) {
	f := NewFrame(small.Image.Grid, Coronal)
	vp := Fit(f, 400, 300)
	e := f.Extent()
	if math.Abs(e[0]*vp.Zoom-400) > 1e-9 && math.Abs(e[1]*vp.Zoom-300) > 1e-9 {
		t.Errorf("fit: extent %v at zoom %g does not fill 400×300", e, vp.Zoom)
	}
	mu, mv := vp.ToFrame(123, 77)
	vp.ZoomAbout(123, 77, 3)
	nu, nv := vp.ToFrame(123, 77)
	if math.Abs(mu-nu) > 1e-9 || math.Abs(mv-nv) > 1e-9 {
		t.Errorf("point moved from (%g,%g) to (%g,%g)", mu, mv, nu, nv)
	}
	// 12.5 mm slices against 4 mm pixels: a voxel is 3.125 times as tall.
	x0, y0 := vp.VoxelCentre(f, 10, 10)
	x1, y1 := vp.VoxelCentre(f, 11, 11)
	if r := (y1 - y0) / (x1 - x0); math.Abs(r-12.5/4) > 1e-9 {
		t.Errorf("voxel aspect on screen %g, want %g", r, 12.5/4)
	}
}

// TestStripesMatchSerial: rendering in row stripes on several cores gives
// the same pixels as one thread.
func TestStripesMatchSerial(t *testing.T) {
	l := layersAs(orientations[1].perm, orientations[1].flip)
	for _, v := range Views {
		f := NewFrame(l.Image.Grid, v)
		vp := Fit(f, 301, 257)
		c := centreVoxel(l)
		one := Renderer{Threads: 1}
		many := Renderer{Threads: 4}
		a := one.Render(nil, l, f, c[f.Normal], vp, DefaultStyle(), Cursor{IJK: c, Valid: true})
		b := many.Render(nil, l, f, c[f.Normal], vp, DefaultStyle(), Cursor{IJK: c, Valid: true})
		if !bytes.Equal(a.Pix, b.Pix) {
			t.Errorf("%s: striped render differs", v)
		}
	}
}
