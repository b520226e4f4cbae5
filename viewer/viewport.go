package viewer

import "math"

// Viewport maps a frame onto an output of W×H pixels: Zoom pixels per mm,
// with the frame point Center (mm from the frame's top-left corner) at the
// output's centre. Pixels are square on screen, so voxels keep their
// physical aspect (5 mm slices against 0.8 mm pixels are not squashed).
type Viewport struct {
	W, H   int
	Zoom   float64
	Center [2]float64
}

// Fit returns the viewport that shows the whole frame in w×h pixels.
func Fit(f Frame, w, h int) Viewport {
	e := f.Extent()
	z := math.Min(float64(w)/e[0], float64(h)/e[1])
	if !(z > 0) || math.IsInf(z, 0) {
		z = 1
	}
	return Viewport{W: w, H: h, Zoom: z, Center: [2]float64{e[0] / 2, e[1] / 2}}
}

// ToFrame maps an output point (pixels) to frame mm.
func (vp Viewport) ToFrame(x, y float64) (mu, mv float64) {
	return vp.Center[0] + (x-float64(vp.W)/2)/vp.Zoom, vp.Center[1] + (y-float64(vp.H)/2)/vp.Zoom
}

// ToScreen maps frame mm to an output point (pixels).
func (vp Viewport) ToScreen(mu, mv float64) (x, y float64) {
	return (mu-vp.Center[0])*vp.Zoom + float64(vp.W)/2, (mv-vp.Center[1])*vp.Zoom + float64(vp.H)/2
}

// VoxelAt returns the screen-ordered voxel (u, v) of frame f under output
// point (x, y), and whether it lies inside the frame.
func (vp Viewport) VoxelAt(f Frame, x, y float64) (u, v int, ok bool) {
	mu, mv := vp.ToFrame(x, y)
	u, v = int(math.Floor(mu/f.Spacing[0])), int(math.Floor(mv/f.Spacing[1]))
	return u, v, u >= 0 && v >= 0 && u < f.Size[0] && v < f.Size[1]
}

// VoxelCentre returns the output point at the centre of screen-ordered
// voxel (u, v).
func (vp Viewport) VoxelCentre(f Frame, u, v int) (x, y float64) {
	return vp.ToScreen((float64(u)+0.5)*f.Spacing[0], (float64(v)+0.5)*f.Spacing[1])
}

// ZoomAbout multiplies the zoom by factor keeping the frame point under
// output point (x, y) where it is.
func (vp *Viewport) ZoomAbout(x, y, factor float64) {
	mu, mv := vp.ToFrame(x, y)
	vp.Zoom = math.Max(0.05, math.Min(200, vp.Zoom*factor))
	nu, nv := vp.ToFrame(x, y)
	vp.Center[0] += mu - nu
	vp.Center[1] += mv - nv
}

// Pan moves the image by (dx, dy) output pixels.
func (vp *Viewport) Pan(dx, dy float64) {
	vp.Center[0] -= dx / vp.Zoom
	vp.Center[1] -= dy / vp.Zoom
}

// Resize changes the output size keeping zoom and centre.
func (vp *Viewport) Resize(w, h int) { vp.W, vp.H = w, h }

// ScreenToVoxel returns the fractional voxel (i, j, k) of frame f on slice
// n under output point (x, y), in pixels, with voxel centres at whole
// numbers, and whether the point lies on the frame. It is the one
// conversion from the screen to voxels: the slice view and the tools
// (which take fractional voxels: a brush centred between voxels) use it.
func (vp Viewport) ScreenToVoxel(f Frame, x, y float64, n int) ([3]float64, bool) {
	mu, mv := vp.ToFrame(x, y)
	u, v := mu/f.Spacing[0]-0.5, mv/f.Spacing[1]-0.5
	inside := u > -0.5 && v > -0.5 && u < float64(f.Size[0])-0.5 && v < float64(f.Size[1])-0.5
	return f.VoxelF(u, v, n), inside
}
