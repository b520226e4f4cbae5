package metrics

import (
	"archive/tar"
	"compress/gzip"
	"encoding/binary"
	"io"
	"os"
	"path"
	"regexp"
	"strconv"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// craniumPath is the real head CT of Debian's invesalius-examples (GPL-2:
// read at test time, never copied into the repository).
const craniumPath = "/usr/share/doc/invesalius-examples/examples/Cranium.inv3"

// loadCranium reads the head CT: 256×256×108 int16 HU, 0.957 mm pixels,
// 1.5 mm slices. It fails (never skips) when the package is missing.
func loadCranium(t testing.TB) (hu []int16, nx, ny, nz int, spacing [3]float64) {
	t.Helper()
	f, err := os.Open(craniumPath)
	if err != nil {
		t.Fatalf("the real-CT fixture needs Debian's invesalius-examples (make deps installs it): %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var plist string
	var raw []byte
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		switch path.Base(h.Name) {
		case "main.plist":
			b, _ := io.ReadAll(tr)
			plist = string(b)
		case "matrix.dat":
			raw, _ = io.ReadAll(tr)
		}
	}
	ints := regexp.MustCompile(`(?s)<key>shape</key>\s*<array>\s*<integer>(\d+)</integer>\s*<integer>(\d+)</integer>\s*<integer>(\d+)</integer>`).FindStringSubmatch(plist)
	reals := regexp.MustCompile(`(?s)<key>spacing</key>\s*<array>\s*<real>([\d.]+)</real>\s*<real>([\d.]+)</real>\s*<real>([\d.]+)</real>`).FindStringSubmatch(plist)
	if ints == nil || reals == nil {
		t.Fatalf("%s: no shape or spacing in main.plist", craniumPath)
	}
	nz, _ = strconv.Atoi(ints[1])
	ny, _ = strconv.Atoi(ints[2])
	nx, _ = strconv.Atoi(ints[3])
	for i := range spacing {
		spacing[i], _ = strconv.ParseFloat(reals[i+1], 64)
	}
	if len(raw) != 2*nx*ny*nz {
		t.Fatalf("%s: matrix.dat holds %d bytes for %d×%d×%d", craniumPath, len(raw), nx, ny, nz)
	}
	hu = make([]int16, nx*ny*nz)
	for i := range hu {
		hu[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return hu, nx, ny, nz, spacing
}

// ctThresholds are the HU ranges of one reader's labels.
type ctThresholds struct{ fatLo, fatHi, softHi, bone, body int16 }

// craniumReaders derives two readers' sparse maps from the head CT by HU
// thresholds that differ a little, as two annotators' boundaries do:
// regions subcutaneous tissue (fat), muscle (soft tissue), bones; parts
// head (body). Every fifth slice from slice 2 is annotated; reader B
// left slice 7 unannotated.
func craniumReaders(t testing.TB) (a, b Maps) {
	hu, nx, ny, nz, sp := loadCranium(t)
	g := volume.Grid{Dims: [3]int{nx, ny, nz}, Spacing: sp,
		Affine: volume.Mat4{{-sp[0], 0, 0, 0}, {0, sp[1], 0, 0}, {0, 0, sp[2], 0}, {0, 0, 0, 1}}}
	make2 := func(th ctThresholds, skip int) Maps {
		m := Maps{Regions: volume.NewLabelMap(g), Parts: volume.NewLabelMap(g)}
		for k := 0; k < nz; k++ {
			rs, ps, h := m.Regions.Axial(k), m.Parts.Axial(k), hu[k*nx*ny:(k+1)*nx*ny]
			if k%5 != 2 || k == skip {
				for i := range rs {
					rs[i], ps[i] = 255, 255
				}
				continue
			}
			for i, v := range h {
				switch {
				case v >= th.bone:
					rs[i] = 5
				case v >= th.fatLo && v <= th.fatHi:
					rs[i] = 1
				case v > th.fatHi && v <= th.softHi:
					rs[i] = 2
				}
				if v >= th.body {
					ps[i] = 2
				}
			}
		}
		return m
	}
	return make2(ctThresholds{-190, -30, 150, 226, -300}, -1), make2(ctThresholds{-200, -45, 180, 300, -400}, 7)
}

// On real anatomy (a head CT labelled by two sets of thresholds) the
// metrics agree with the peer label by label and slice by slice.
func TestPeerOnRealCT(t *testing.T) {
	needPeer(t)
	a, b := craniumReaders(t)
	r, err := Compare(a, b, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Compared["regions"]) != 21 || len(r.Labels) != 4 {
		t.Fatalf("compared %v, %d labels", r.Compared, len(r.Labels))
	}
	agreeCase(t, "cranium", r, runPeer(t, 3, []string{"cranium"}, [][2]Maps{{a, b}})[0])
	for _, s := range r.Labels {
		if !(s.Dice > 0.3 && s.Dice < 1) {
			t.Errorf("implausible %+v", s)
		}
	}
}
