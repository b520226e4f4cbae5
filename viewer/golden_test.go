package viewer

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/volume"
)

// small is a little phantom: 96×96×40 voxels of 4×4×12.5 mm, LPS.
var small = func() *assets.Phantom {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{96, 96, 40}, Spacing: [3]float64{4, 4, 12.5}, Seed: 3})
	if err != nil {
		panic(err)
	}
	return p
}()

// reorient rewrites a volume with array axis a taken from source axis
// perm[a], reversed where flip[a]: the same anatomy stored another way.
func reorient(g volume.Grid, perm [3]int, flip [3]bool) (volume.Grid, func(src, dst int) int) {
	var n volume.Grid
	n.Affine = volume.Identity4
	var start [3]float64
	for a := 0; a < 3; a++ {
		s := perm[a]
		n.Dims[a], n.Spacing[a] = g.Dims[s], g.Spacing[s]
		sign := 1.0
		if flip[a] {
			sign = -1
			start[s] = float64(g.Dims[s] - 1)
		}
		for r := 0; r < 3; r++ {
			n.Affine[r][a] = sign * g.Affine[r][s]
		}
	}
	o := g.World(start[0], start[1], start[2])
	for r := 0; r < 3; r++ {
		n.Affine[r][3] = o[r]
	}
	index := func(dst int, _ int) int { // flat index in n -> flat index in g
		ijk := [3]int{dst % n.Dims[0], dst / n.Dims[0] % n.Dims[1], dst / (n.Dims[0] * n.Dims[1])}
		var src [3]int
		for a := 0; a < 3; a++ {
			v := ijk[a]
			if flip[a] {
				v = n.Dims[a] - 1 - v
			}
			src[perm[a]] = v
		}
		return g.Index(src[0], src[1], src[2])
	}
	return n, index
}

// layersAs returns the small phantom stored with the given axis order.
func layersAs(perm [3]int, flip [3]bool) Layers {
	g, index := reorient(small.Image.Grid, perm, flip)
	im, rg, pt := volume.NewImage(g), volume.NewLabelMap(g), volume.NewLabelMap(g)
	for d := range im.Voxels {
		s := index(d, 0)
		im.Voxels[d], rg.Voxels[d], pt.Voxels[d] = small.Image.Voxels[s], small.Regions.Voxels[s], small.Parts.Voxels[s]
	}
	return Layers{Image: im, Regions: rg, Parts: pt}
}

// orientations: the phantom as written (LPS), as RAS, as LAS, and with
// axes permuted (i toward superior, j toward left, k toward anterior).
var orientations = []struct {
	name  string
	perm  [3]int
	flip  [3]bool
	codes string
}{
	{"LPS", [3]int{0, 1, 2}, [3]bool{}, "LPS"},
	{"RAS", [3]int{0, 1, 2}, [3]bool{true, true, false}, "RAS"},
	{"LAS", [3]int{0, 1, 2}, [3]bool{false, true, false}, "LAS"},
	{"SLA", [3]int{2, 0, 1}, [3]bool{false, false, true}, "SLA"},
}

// centre is the world point the golden views show: mid-chest.
func centreVoxel(l Layers) [3]int {
	v, _ := l.Image.Voxel(small.Image.World(48, 48, 28))
	return [3]int{int(v[0] + 0.5), int(v[1] + 0.5), int(v[2] + 0.5)}
}

func renderView(l Layers, v View, st *Style, w, h int) *image.RGBA {
	f := NewFrame(l.Image.Grid, v)
	c := centreVoxel(l)
	var r Renderer
	return r.Render(nil, l, f, c[f.Normal], Fit(f, w, h), st, Cursor{IJK: c, Valid: true})
}

// TestViewsIgnoreStorageOrder: every view of the same anatomy is
// pixel-identical whatever the file's axis order, and matches its golden
// image; the axis codes and edge letters come from the affine.
func TestViewsIgnoreStorageOrder(t *testing.T) {
	for _, v := range Views {
		var first *image.RGBA
		for _, o := range orientations {
			l := layersAs(o.perm, o.flip)
			if got := l.Image.AxCodes(); got != o.codes {
				t.Fatalf("%s stored as %s", o.name, got)
			}
			f := NewFrame(l.Image.Grid, v)
			want := map[View][4]string{Axial: {"R", "L", "A", "P"}, Coronal: {"R", "L", "S", "I"}, Sagittal: {"A", "P", "S", "I"}}[v]
			if f.Letters != want {
				t.Errorf("%s %s: letters %v, want %v", o.name, v, f.Letters, want)
			}
			img := renderView(l, v, DefaultStyle(), 160, 200)
			if first == nil {
				first = img
			} else if !bytes.Equal(first.Pix, img.Pix) {
				t.Errorf("%s view of %s differs from LPS", v, o.name)
			}
			golden(t, fmt.Sprintf("%s.png", v), img)
		}
	}
}

// TestOverlayModes: each overlay mode has its golden axial image.
func TestOverlayModes(t *testing.T) {
	l := layersAs(orientations[0].perm, orientations[0].flip)
	modes := map[string]func(s *Style){
		"none":            func(s *Style) { s.Regions.Show, s.Parts.Show = false, false },
		"regions-filled":  func(s *Style) { s.Parts.Show = false },
		"regions-outline": func(s *Style) { s.Parts.Show, s.Regions.Outline = false, true },
		"parts-filled":    func(s *Style) { s.Regions.Show, s.Parts.Outline = false, false },
		"only-muscle":     func(s *Style) { s.Parts.Show = false; hideAllBut(&s.Regions, 2) },
		"bone-window":     func(s *Style) { s.Window = Presets[3].Window; s.Opacity = 0.25 },
	}
	for name, set := range modes {
		st := DefaultStyle()
		set(st)
		golden(t, "axial-"+name+".png", renderView(l, Axial, st, 160, 160))
	}
}

func hideAllBut(m *MapStyle, keep int) {
	for i := range m.Hidden {
		m.Hidden[i] = i != keep
	}
}

// TestIgnoredSlices: an ignored axial slice is hatched all over and no
// label is drawn on it; coronal views hatch the ignored rows.
func TestIgnoredSlices(t *testing.T) {
	l := layersAs(orientations[0].perm, orientations[0].flip)
	f := NewFrame(l.Image.Grid, Axial)
	var r Renderer
	ignored := 27
	if l.Regions.SliceState(ignored) != volume.Ignored {
		t.Fatalf("slice %d is annotated", ignored)
	}
	st := DefaultStyle()
	st.Crosshair = false
	img := r.Render(nil, l, f, ignored, Fit(f, 160, 160), st, Cursor{})
	golden(t, "axial-ignored.png", img)
	// Stripes are tinted everywhere; between them the image is only
	// dimmed grey: no label colour on an ignored slice.
	for y := 0; y < 160; y++ {
		for x := 0; x < 160; x++ {
			p := img.RGBAAt(x, y)
			if (x+y)&7 < 2 {
				if p.R <= p.B {
					t.Fatalf("stripe pixel (%d,%d) not tinted: %v", x, y, p)
				}
			} else if d := int(p.R) - int(p.G); d < -1 || d > 1 || p.B < p.R {
				t.Fatalf("pixel (%d,%d) of an ignored slice coloured: %v", x, y, p)
			}
		}
	}
}

// golden compares img with testdata/name; on a mismatch (or a missing
// file) it writes the actual image to testdata/failed/ for a person to
// look at, and fails.
func golden(t *testing.T, name string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", name))
	if err == nil && bytes.Equal(decode(t, want), decode(t, buf.Bytes())) {
		return
	}
	os.MkdirAll(filepath.Join("testdata", "failed"), 0o755)
	os.WriteFile(filepath.Join("testdata", "failed", name), buf.Bytes(), 0o644)
	if err != nil {
		t.Errorf("%s: no golden image (actual written to testdata/failed/)", name)
	} else {
		t.Errorf("%s: differs from the golden image (actual in testdata/failed/)", name)
	}
}

// decode returns the RGBA pixels of a PNG, so goldens compare by pixels,
// not by encoder output.
func decode(t *testing.T, b []byte) []byte {
	m, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	r := image.NewRGBA(m.Bounds())
	for y := r.Rect.Min.Y; y < r.Rect.Max.Y; y++ {
		for x := r.Rect.Min.X; x < r.Rect.Max.X; x++ {
			r.Set(x, y, m.At(x, y))
		}
	}
	return r.Pix
}
