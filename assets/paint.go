package assets

import "math"

// canvas is one axial slice being painted: HU values, region and part
// labels, with the mm coordinates of its pixels (LPS: x toward the
// patient's left, y toward posterior).
type canvas struct {
	nx, ny         int
	x0, y0, dx, dy float64 // LPS mm of pixel (0,0) and pixel size
	hu             []float32
	region, part   []uint8
}

func newCanvas(nx, ny int, x0, y0, dx, dy float64) *canvas {
	n := nx * ny
	return &canvas{nx: nx, ny: ny, x0: x0, y0: y0, dx: dx, dy: dy,
		hu: make([]float32, n), region: make([]uint8, n), part: make([]uint8, n)}
}

func (c *canvas) reset(air float32) {
	for i := range c.hu {
		c.hu[i] = air
		c.region[i] = 0
		c.part[i] = 0
	}
}

// ellipse is an axis-aligned ellipse in LPS mm, rotated by rot radians.
type ellipse struct{ cx, cy, a, b, rot float64 }

func (e ellipse) inset(d float64) ellipse {
	return ellipse{e.cx, e.cy, math.Max(e.a-d, 0), math.Max(e.b-d, 0), e.rot}
}

func (e ellipse) contains(x, y float64) bool {
	if e.a <= 0 || e.b <= 0 {
		return false
	}
	dx, dy := x-e.cx, y-e.cy
	if e.rot != 0 {
		s, c := math.Sincos(e.rot)
		dx, dy = c*dx+s*dy, -s*dx+c*dy
	}
	u, v := dx/e.a, dy/e.b
	return u*u+v*v <= 1
}

// pixels calls f for every pixel whose centre lies inside e.
func (c *canvas) pixels(e ellipse, f func(p int)) {
	r := math.Max(e.a, e.b)
	i0 := max(int(math.Floor((e.cx-r-c.x0)/c.dx)), 0)
	i1 := min(int(math.Ceil((e.cx+r-c.x0)/c.dx)), c.nx-1)
	j0 := max(int(math.Floor((e.cy-r-c.y0)/c.dy)), 0)
	j1 := min(int(math.Ceil((e.cy+r-c.y0)/c.dy)), c.ny-1)
	for j := j0; j <= j1; j++ {
		y := c.y0 + float64(j)*c.dy
		for i := i0; i <= i1; i++ {
			if e.contains(c.x0+float64(i)*c.dx, y) {
				f(j*c.nx + i)
			}
		}
	}
}

// fill paints region label and HU inside e.
func (c *canvas) fill(e ellipse, region uint8, hu float32) {
	c.pixels(e, func(p int) { c.region[p], c.hu[p] = region, hu })
}

// fillIf paints inside e only where the region label is one of the given.
func (c *canvas) fillIf(e ellipse, region uint8, hu float32, over ...uint8) {
	c.pixels(e, func(p int) {
		for _, o := range over {
			if c.region[p] == o {
				c.region[p], c.hu[p] = region, hu
				return
			}
		}
	})
}

// setPart sets the body part inside e.
func (c *canvas) setPart(e ellipse, part uint8) {
	c.pixels(e, func(p int) { c.part[p] = part })
}

// shade sets HU inside e without touching labels, where the region is one
// of the given labels (texture inside an organ).
func (c *canvas) shade(e ellipse, hu float32, within ...uint8) {
	c.pixels(e, func(p int) {
		for _, o := range within {
			if c.region[p] == o {
				c.hu[p] = hu
				return
			}
		}
	})
}
