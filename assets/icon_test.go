package assets

import (
	"bytes"
	"image/png"
	"os"
	"testing"
)

// TestIconPNGsAreCurrent: the shipped PNGs are what Icon draws, so the
// installers never carry a stale icon. SAROS_WRITE_ICONS=1 rewrites them.
func TestIconPNGsAreCurrent(t *testing.T) {
	for _, size := range []int{16, 32, 48, 256} {
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
