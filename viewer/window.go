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

// Preset is a named window, chosen with keys 1 to 5.
type Preset struct {
	Name   string
	Window Window
}

// Presets are the window presets in key order.
var Presets = []Preset{
	{"soft tissue", SoftTissue},
	{"abdomen", Window{Width: 350, Level: 50}},
	{"lung", Window{Width: 1500, Level: -600}},
	{"bone", Window{Width: 1800, Level: 400}},
	{"brain", Window{Width: 80, Level: 40}},
}

// LUT maps HU values to grey levels, so rendering a pixel is one table
// look-up. The table covers the CT range −1024…3071 (4 KiB, which stays in
// the first-level cache); values beyond take the grey of the nearest end.
type LUT struct {
	win   Window
	table [lutSize]uint8
}

const (
	lutMin  = -1024
	lutSize = 4096
)

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
	for i := range l.table {
		g := (float64(i+lutMin) - lo) / w.Width * 255
		switch {
		case g <= 0:
			g = 0
		case g >= 255:
			g = 255
		}
		l.table[i] = uint8(g + 0.5)
	}
}

// Window returns the window the table was built for.
func (l *LUT) Window() Window { return l.win }

// Grey returns the grey level of HU value v.
func (l *LUT) Grey(v int16) uint8 { return l.grey(v) }

func (l *LUT) grey(v int16) uint8 {
	i := int(v) - lutMin
	if uint(i) >= lutSize {
		if i < 0 {
			i = 0
		} else {
			i = lutSize - 1
		}
	}
	return l.table[i]
}

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
		g := lut.grey(v)
		o := 4 * p
		pix[o], pix[o+1], pix[o+2], pix[o+3] = g, g, g, 255
	}
	return dst
}
