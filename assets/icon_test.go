package assets

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"os"
	"testing"
)

// TestIconPNGsAreCurrent: the shipped PNGs are what Icon draws, so the
// installers never carry a stale icon. SAROS_WRITE_ICONS=1 rewrites them.
func TestIconPNGsAreCurrent(t *testing.T) {
	for _, size := range IconSizes {
		var b bytes.Buffer
		if err := png.Encode(&b, Icon(size)); err != nil {
			t.Fatal(err)
		}
		name := "icon/saros-review-" + itoa(size) + ".png"
		if os.Getenv("SAROS_WRITE_ICONS") != "" {
			os.WriteFile(name, b.Bytes(), 0o644)
		}
		got, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(got, b.Bytes()) {
			t.Errorf("%s is not what Icon(%d) draws (SAROS_WRITE_ICONS=1 go test ./assets rewrites it): %v", name, size, err)
		}
	}
	// At 16 px the three rings must still be told apart.
	im := Icon(16)
	seen := map[[3]uint8]bool{}
	for _, p := range [][2]int{{8, 13}, {8, 12}, {8, 9}} {
		c := im.NRGBAAt(p[0], p[1])
		seen[[3]uint8{c.R, c.G, c.B}] = true
	}
	if len(seen) < 3 {
		t.Errorf("16 px icon: fat, muscle and cavity merge: %v", seen)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestICOIsCurrent: icon/saros-review.ico (linked into the Windows program
// and used by its installer) is what ICO packs, and a reader that follows
// the ICO layout finds every size, each a PNG of that size.
func TestICOIsCurrent(t *testing.T) {
	ico, err := ICO()
	if err != nil {
		t.Fatal(err)
	}
	const name = "icon/saros-review.ico"
	if os.Getenv("SAROS_WRITE_ICONS") != "" {
		os.WriteFile(name, ico, 0o644)
	}
	if got, err := os.ReadFile(name); err != nil || !bytes.Equal(got, ico) {
		t.Errorf("%s is not what ICO packs (SAROS_WRITE_ICONS=1 go test ./assets rewrites it): %v", name, err)
	}
	var head [3]uint16
	binary.Read(bytes.NewReader(ico), binary.LittleEndian, &head)
	if head != [3]uint16{0, 1, uint16(len(IconSizes))} {
		t.Fatalf("ICONDIR %v", head)
	}
	for i, want := range IconSizes {
		e := ico[6+16*i:]
		w := int(e[0])
		if w == 0 {
			w = 256
		}
		size, off := binary.LittleEndian.Uint32(e[8:]), binary.LittleEndian.Uint32(e[12:])
		if w != want || int(e[1]) != int(e[0]) || int(off+size) > len(ico) {
			t.Fatalf("entry %d: %d px, %d bytes at %d in %d", i, w, size, off, len(ico))
		}
		im, err := png.Decode(bytes.NewReader(ico[off : off+size]))
		if err != nil || im.Bounds().Dx() != want || im.Bounds().Dy() != want {
			t.Errorf("entry %d is not a %d px PNG: %v", i, want, err)
		}
	}
}
