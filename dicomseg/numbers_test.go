package dicomseg

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// setDS replaces the value of the nth (from 0) explicit-VR DS element tag
// in b by v, padded with spaces to the old length (v must fit).
func setDS(t *testing.T, b []byte, group, elem uint16, nth int, v string) []byte {
	t.Helper()
	key := make([]byte, 6)
	binary.LittleEndian.PutUint16(key, group)
	binary.LittleEndian.PutUint16(key[2:], elem)
	copy(key[4:], "DS")
	out := append([]byte{}, b...)
	at := 0
	for i := 0; ; i++ {
		j := bytes.Index(out[at:], key)
		if j < 0 {
			t.Fatalf("(%04X,%04X) #%d not found", group, elem, nth)
		}
		at += j
		if i == nth {
			break
		}
		at += len(key)
	}
	n := int(binary.LittleEndian.Uint16(out[at+6:]))
	if len(v) > n {
		t.Fatalf("%q does not fit in %d bytes", v, n)
	}
	copy(out[at+8:at+8+n], v+strings.Repeat(" ", n-len(v)))
	return out
}

// TestRefusesBadNumbers: positions, orientations and spacings that are
// not finite decimal numbers (NaN, Inf, hex floats), spacings that are
// not positive and frames whose orientation or spacing differ from the
// first frame's are refused naming the frame and the file; a NaN
// position that reaches placement is off every slice.
func TestRefusesBadNumbers(t *testing.T) {
	p := phantom(t)
	src := writeSEG(t, p, "regions", Reference{})
	good, _ := os.ReadFile(src)
	if s, err := Read(src); err != nil || len(s.Frames) < 2 {
		t.Fatalf("%v", err)
	}
	dir := t.TempDir()
	for _, c := range []struct {
		group, elem uint16
		nth         int
		v, want     string
	}{
		{0x0020, 0x0032, 0, `NaN\NaN\NaN`, "frame 1: ImagePositionPatient"},
		{0x0020, 0x0032, 1, `0\Inf\0`, "frame 2: ImagePositionPatient"},
		{0x0020, 0x0032, 0, `0\0\-infinity`, "frame 1: ImagePositionPatient"},
		{0x0020, 0x0032, 0, `0x1p3\0\0`, "frame 1: ImagePositionPatient"},
		{0x0020, 0x0032, 0, `1e999\0\0`, "frame 1: ImagePositionPatient"},
		{0x0020, 0x0037, 0, `1\0\0\0\1\N`, "ImageOrientationPatient"},
		{0x0020, 0x0037, 0, `1\0\0\0\1\-`, "ImageOrientationPatient"},
		{0x0028, 0x0030, 0, `N\7`, "PixelSpacing"},
		{0x0028, 0x0030, 0, `0\0`, "PixelSpacing"},
		{0x0028, 0x0030, 0, `-7\6`, "PixelSpacing"},
		{0x0028, 0x0030, 0, `7\-0`, "PixelSpacing"},
	} {
		path := filepath.Join(dir, "bad.dcm")
		os.WriteFile(path, setDS(t, good, c.group, c.elem, c.nth, c.v), 0o644)
		_, err := Read(path)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("(%04X,%04X) #%d = %q: %v, want %q and the file", c.group, c.elem, c.nth, c.v, err, c.want)
		}
	}
	// Every DS reader: only finite decimal numbers.
	for _, v := range []string{`NaN`, `nan`, `Inf`, `-Infinity`, `0x10`, `1_0`, `1e400`, ``, ` `, `1\`} {
		ds := dataset{&node{tag: 0x00200037, vr: "DS", value: []byte(v)}}
		if _, err := ds.floats(0x00200037, 1); err == nil {
			t.Errorf("DS %q read as a number", v)
		}
	}
	ds := dataset{&node{tag: 0x00200037, vr: "DS", value: []byte(` +1.5e2\-.5 `)}}
	if v, err := ds.floats(0x00200037, 2); err != nil || v[0] != 150 || v[1] != -0.5 {
		t.Errorf("good DS: %v %v", v, err)
	}
	// Placement never trusts a non-finite position either.
	s, _ := Read(src)
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		s2 := *s
		s2.Frames = append([]Frame{}, s.Frames...)
		s2.Frames[0].Position[2] = bad
		if _, _, err := s2.Labels(p.Regions.Grid); err == nil || !strings.Contains(err.Error(), "frame 1") {
			t.Errorf("frame 1 at z=%v placed: %v", bad, err)
		}
	}
}

// TestRefusesSegmentNumberTwice: two segments with one SegmentNumber are
// refused saying so (frames could not tell them apart).
func TestRefusesSegmentNumberTwice(t *testing.T) {
	p := phantom(t)
	good, _ := os.ReadFile(writeSEG(t, p, "parts", Reference{}))
	key := []byte{0x62, 0x00, 0x04, 0x00, 'U', 'S', 2, 0}
	first := bytes.Index(good, key)
	second := first + 8 + bytes.Index(good[first+8:], key)
	if first < 0 || second < first+8 {
		t.Fatal("SegmentNumber not found twice")
	}
	b := append([]byte{}, good...)
	binary.LittleEndian.PutUint16(b[second+8:], 1)
	path := filepath.Join(t.TempDir(), "twice.dcm")
	os.WriteFile(path, b, 0o644)
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), "SegmentNumber 1 is given to two segments") || !strings.Contains(err.Error(), path) {
		t.Errorf("%v", err)
	}
}
