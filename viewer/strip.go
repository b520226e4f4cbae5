package viewer

import (
	"image"

	"github.com/saros-review/saros-review/volume"
)

// StripMark is an extra mark on the slice strip (edited, flagged, QC
// finding…), drawn as a tick on the right half of the slice's band.
type StripMark struct {
	Slice  int
	Colour [3]uint8
}

// Strip colours.
var (
	StripAnnotated = [3]uint8{70, 170, 110}
	StripIgnored   = [3]uint8{60, 60, 64}
	StripMixed     = [3]uint8{220, 80, 60}
	StripCurrent   = [3]uint8{255, 220, 0}
)

// StripLayout maps slices to rows of a strip h pixels tall, superior at
// the top: up says whether higher k lies superior.
type StripLayout struct {
	N, H int
	Up   bool
}

// Row returns the first output row of slice k's band.
func (l StripLayout) Row(k int) int {
	if l.Up {
		k = l.N - 1 - k
	}
	return k * l.H / l.N
}

// next is the first row below slice k's band.
func (l StripLayout) next(k int) int {
	d := k
	if l.Up {
		d = l.N - 1 - k
	}
	return (d + 1) * l.H / l.N
}

// Slice returns the slice shown at output row y.
func (l StripLayout) Slice(y int) int {
	k := max(0, min(l.N-1, y*l.N/max(1, l.H)))
	if l.Up {
		k = l.N - 1 - k
	}
	return k
}

// RenderStrip draws one band per axial slice: annotated, ignored or mixed,
// the current slice highlighted and extra marks on the right.
func RenderStrip(dst *image.RGBA, w, h int, states []volume.SliceState, up bool, current int, marks []StripMark) *image.RGBA {
	if dst == nil || dst.Rect.Dx() != w || dst.Rect.Dy() != h {
		dst = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	fill := func(x0, y0, x1, y1 int, c [3]uint8) {
		for y := max(0, y0); y < min(h, y1); y++ {
			for x := max(0, x0); x < min(w, x1); x++ {
				o := y*dst.Stride + 4*x
				dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = c[0], c[1], c[2], 255
			}
		}
	}
	fill(0, 0, w, h, Background)
	n := len(states)
	if n == 0 {
		return dst
	}
	l := StripLayout{N: n, H: h, Up: up}
	band := func(k int) (int, int) {
		y0 := l.Row(k)
		return y0, max(y0+1, l.next(k))
	}
	for k, st := range states {
		c := StripIgnored
		switch st {
		case volume.Annotated:
			c = StripAnnotated
		case volume.Mixed:
			c = StripMixed
		}
		y0, y1 := band(k)
		fill(1, y0, w-1, y1-boolInt(y1-y0 > 2), c)
	}
	for _, m := range marks {
		if m.Slice >= 0 && m.Slice < n {
			y0, y1 := band(m.Slice)
			fill(w/2, y0, w, y1, m.Colour)
		}
	}
	if current >= 0 && current < n {
		y0, y1 := band(current)
		fill(0, y0-1, w, y0+1, StripCurrent)
		fill(0, y1-1, w, y1+1, StripCurrent)
		fill(0, y0, 2, y1, StripCurrent)
		fill(w-2, y0, w, y1, StripCurrent)
	}
	return dst
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
