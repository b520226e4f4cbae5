package assets

import (
	_ "embed"
	"image"
	"image/color"
	"math"
)

// iconShape is one filled shape of the application icon, in the 256-unit
// space of icon/saros-review.svg (which holds the same shapes).
type iconShape struct {
	in  func(x, y float64) bool
	rgb color.NRGBA
}

func ellipseAt(cx, cy, rx, ry float64) func(x, y float64) bool {
	return func(x, y float64) bool { dx, dy := (x-cx)/rx, (y-cy)/ry; return dx*dx+dy*dy <= 1 }
}

func roundRect(x0, y0, w, h, r float64) func(x, y float64) bool {
	return func(x, y float64) bool {
		if x < x0 || y < y0 || x > x0+w || y > y0+h {
			return false
		}
		cx := math.Max(x0+r, math.Min(x, x0+w-r))
		cy := math.Max(y0+r, math.Min(y, y0+h-r))
		return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
	}
}

var iconShapes = []iconShape{
	{roundRect(8, 8, 240, 240, 44), color.NRGBA{0x16, 0x22, 0x2e, 255}},
	{ellipseAt(128, 140, 104, 80), color.NRGBA{0xe8, 0xc5, 0x47, 255}},
	{ellipseAt(128, 140, 82, 60), color.NRGBA{0xd9, 0x48, 0x5f, 255}},
	{ellipseAt(128, 136, 60, 40), color.NRGBA{0x2f, 0x8f, 0x5b, 255}},
	{ellipseAt(128, 186, 16, 16), color.NRGBA{0xf4, 0xf1, 0xea, 255}},
	{roundRect(32, 30, 192, 14, 7), color.NRGBA{0x7f, 0xc8, 0xf8, 255}},
}

// Icon draws the application icon at size×size pixels, 4×4 samples a
// pixel, transparent outside the tile.
func Icon(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4
	scale := 256 / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) * scale
					y := (float64(py) + (float64(sy)+0.5)/ss) * scale
					for i := len(iconShapes) - 1; i >= 0; i-- {
						if s := iconShapes[i]; s.in(x, y) {
							r, g, b, a = r+float64(s.rgb.R), g+float64(s.rgb.G), b+float64(s.rgb.B), a+1
							break
						}
					}
				}
			}
			if a > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(r/a + 0.5), uint8(g/a + 0.5), uint8(b/a + 0.5), uint8(a*255/(ss*ss) + 0.5)})
			}
		}
	}
	return img
}

// IconPNG is the 256 px application icon, for the window and installers.
//
//go:embed icon/saros-review-256.png
var IconPNG []byte
