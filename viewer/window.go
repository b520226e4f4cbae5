// Package viewer turns volumes into pixels: window/level through a lookup
// table, reslicing and label overlays. It never imports Fyne; the Fyne
// slice-view widget lives in a sub-package.
package viewer

import (
	"image"

	"github.com/saros-review/saros-review/volume"
)

// Window is a display window in HU: Width wide, centred on Level.
type Window struct {
	Width, Level float64
}

// SoftTissue is the default window (W400 L40).
var SoftTissue = Window{Width: 400, Level: 40}

// LUT maps every int16 HU value to a grey level, so rendering a pixel is
// one table look-up.
type LUT struct {
	win   Window
	table [1 << 16]uint8
}

// NewLUT builds the table of w.
func NewLUT(w Window) *LUT {
	l := &LUT{}
	l.Set(w)
	return l
}

// Set rebuilds the table for w (no allocation).
func (l *LUT) Set(w Window) {
	l.win = w
	lo := w.Level - w.Width/2
	for v := -32768; v < 32768; v++ {
		g := (float64(v) - lo) / w.Width * 255
		switch {
		case g <= 0:
			g = 0
		case g >= 255:
			g = 255
		}
		l.table[uint16(int16(v))] = uint8(g + 0.5)
	}
}

// Window returns the window the table was built for.
func (l *LUT) Window() Window { return l.win }

// Grey returns the grey level of HU value v.
func (l *LUT) Grey(v int16) uint8 { return l.table[uint16(v)] }

// RenderAxial writes axial slice k of im into dst (grown if needed), one
// pixel per voxel, i along x and j along y, and returns it.
func RenderAxial(dst *image.RGBA, im *volume.Image, k int, lut *LUT) *image.RGBA {
	nx, ny := im.Dims[0], im.Dims[1]
	if dst == nil || dst.Rect.Dx() != nx || dst.Rect.Dy() != ny {
		dst = image.NewRGBA(image.Rect(0, 0, nx, ny))
	}
	src := im.Axial(k)
	pix := dst.Pix
	for p, v := range src {
		g := lut.table[uint16(v)]
		o := 4 * p
		pix[o], pix[o+1], pix[o+2], pix[o+3] = g, g, g, 255
	}
	return dst
}
