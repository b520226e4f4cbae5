package viewer

import (
	"testing"

	"github.com/saros-review/saros-review/volume"
)

func TestLUT(t *testing.T) {
	l := NewLUT(Window{Width: 400, Level: 40})
	for _, c := range []struct {
		hu   int16
		grey uint8
	}{{-32768, 0}, {-1000, 0}, {-160, 0}, {40, 128}, {240, 255}, {3000, 255}, {32767, 255}, {-60, 64}} {
		if g := l.Grey(c.hu); g != c.grey {
			t.Errorf("HU %d: grey %d, want %d", c.hu, g, c.grey)
		}
	}
}

func TestRenderAxialDoesNotAllocate(t *testing.T) {
	g := volume.Grid{Dims: [3]int{64, 48, 3}, Spacing: [3]float64{1, 1, 5}, Affine: volume.Identity4}
	im := volume.NewImage(g)
	im.Set(5, 7, 1, 240)
	l := NewLUT(SoftTissue)
	dst := RenderAxial(nil, im, 1, l)
	if dst.Bounds().Dx() != 64 || dst.RGBAAt(5, 7).R != 255 || dst.RGBAAt(6, 7).R != 102 {
		t.Fatalf("pixel values %v %v", dst.RGBAAt(5, 7), dst.RGBAAt(6, 7))
	}
	if n := testing.AllocsPerRun(20, func() { RenderAxial(dst, im, 1, l) }); n != 0 {
		t.Errorf("%v allocations per frame", n)
	}
}
