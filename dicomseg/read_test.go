package dicomseg

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// TestRoundTripExact: export then import gives the same map, voxel for
// voxel, for both maps, including slices that are annotated background
// only and slices that were not annotated.
func TestRoundTripExact(t *testing.T) {
	p := phantom(t)
	// An annotated slice of background only must survive.
	ks := p.Regions.AnnotatedSlices()
	clear(p.Regions.Axial(ks[0]))
	for _, c := range []struct {
		name string
		m    *volume.LabelMap
	}{{"regions", p.Regions}, {"parts", p.Parts}} {
		path := writeSEG(t, p, c.name, Reference{})
		s, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		name, got, err := s.Labels(c.m.Grid)
		if err != nil {
			t.Fatal(err)
		}
		if name != c.name {
			t.Fatalf("read as %s, want %s", name, c.name)
		}
		if !bytes.Equal(got.Voxels, c.m.Voxels) {
			t.Fatalf("%s: round trip differs", c.name)
		}
		if !IsSEG(path) {
			t.Error("IsSEG false on a SEG")
		}
	}
}

// TestPydicomReadsFrames: pydicom (Debian's python3-pydicom), an
// independent reader, unpacks every frame to the pixels of the source
// slice and finds the segment labels and positions.
func TestPydicomReadsFrames(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import pydicom, numpy").Run(); err != nil {
		t.Fatal("python3-pydicom and python3-numpy are needed (make test installs them)")
	}
	p := phantom(t)
	path := writeSEG(t, p, "regions", Reference{})
	dir := t.TempDir()
	script := `
import sys, pydicom, numpy as np
ds = pydicom.dcmread(sys.argv[1])
arr = ds.pixel_array  # frames, rows, cols
labels = {s.SegmentNumber: s.SegmentLabel for s in ds.SegmentSequence}
out = np.full((ds.Rows, ds.Columns, 0), 0)
for i, f in enumerate(ds.PerFrameFunctionalGroupsSequence):
    seg = f.SegmentIdentificationSequence[0].ReferencedSegmentNumber
    pos = [float(x) for x in f.PlanePositionSequence[0].ImagePositionPatient]
    np.save("%s/frame%d.npy" % (sys.argv[2], i), arr[i].astype(np.uint8))
    print(i, labels[seg], "%.4f %.4f %.4f" % tuple(pos))
`
	out, err := exec.Command(py, "-c", script, path, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("pydicom: %v\n%s", err, out)
	}
	s, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(s.Frames) {
		t.Fatalf("pydicom saw %d frames, we wrote %d", len(lines), len(s.Frames))
	}
	ks := p.Regions.AnnotatedSlices()
	for f, l := range lines {
		fields := strings.SplitN(l, " ", 2)
		seg := s.Segments[s.Frames[f].Segment-1]
		if !strings.HasPrefix(fields[1], seg.Label+" ") {
			t.Fatalf("frame %d: pydicom %q, segment %q", f, l, seg.Label)
		}
		k := ks[f%len(ks)]
		v := regionValue(seg.Label)
		want := make([]byte, 0)
		for _, x := range p.Regions.Axial(k) {
			b := byte(0)
			if x == v {
				b = 1
			}
			want = append(want, b)
		}
		got := npyBytes(t, filepath.Join(dir, "frame"+itoa(f)+".npy"), len(want))
		if !bytes.Equal(got, want) {
			t.Fatalf("frame %d (%s, slice %d): pydicom's pixels differ from the map", f, seg.Label, k)
		}
	}
}

func regionValue(name string) uint8 {
	info, _ := infoOf("regions")
	for _, l := range info.table.Labels {
		if l.Name == name {
			return l.Value
		}
	}
	return 0
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// npyBytes reads the data of a uint8 .npy file written by numpy.
func npyBytes(t *testing.T, path string, n int) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < n {
		t.Fatalf("%s: %d bytes", path, len(b))
	}
	return b[len(b)-n:]
}

// TestRefusesWhatDoesNotFit: a SEG on another grid, with an unknown
// segment, or damaged, is refused with a message saying why.
func TestRefusesWhatDoesNotFit(t *testing.T) {
	p := phantom(t)
	path := writeSEG(t, p, "regions", Reference{})
	s, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	g := p.Regions.Grid
	shifted := g
	shifted.Affine[2][3] += 2.5 // half a slice
	other := g
	other.Dims[0] = 32
	coarse := g
	coarse.Spacing[0] *= 2
	for i := 0; i < 3; i++ {
		coarse.Affine[i][0] *= 2
	}
	for name, c := range map[string]struct {
		g    volume.Grid
		want string
	}{"shifted": {shifted, "lies on no axial slice"}, "size": {other, "frames of 64×48"}, "spacing": {coarse, "pixel spacing"}} {
		if _, _, err := s.Labels(c.g); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	s2 := *s
	s2.Segments = append([]Segment{}, s.Segments...)
	s2.Segments[0].Label, s2.Segments[0].Type = "liver", Code{"10200004", "SCT", "Liver"}
	if _, _, err := s2.Labels(g); err == nil || !strings.Contains(err.Error(), `"liver"`) {
		t.Errorf("unknown segment: %v", err)
	}
	// Truncated and garbled files fail with an error, never a panic.
	b, _ := os.ReadFile(path)
	for _, n := range []int{0, 100, 132, 300, len(b) / 2, len(b) - 1} {
		if _, err := decode(b[:n]); err == nil {
			t.Errorf("truncated at %d: no error", n)
		}
	}
}

// TestMatchesByCode: segments named differently are matched by their
// codes, limbs by laterality too.
func TestMatchesByCode(t *testing.T) {
	info, _ := infoOf("parts")
	for v, c := range PartCodes {
		got, ok, _ := match(Segment{Label: "x", Type: c.Type, Modifier: c.Modifier}, info)
		if !ok || got != v {
			t.Errorf("part %d matched %d %v", v, got, ok)
		}
	}
	if _, ok, _ := match(Segment{Label: "Subcutaneous_Tissue"}, mustInfo("regions")); !ok {
		t.Error("name with underscores not matched")
	}
}

func mustInfo(m string) mapInfo { i, _ := infoOf(m); return i }

// FuzzDecode: any bytes give a SEG or an error, never a panic; seeds are
// a real SEG and its prefixes.
func FuzzDecode(f *testing.F) {
	p := phantom(f)
	b, err := encodeFile(p.Parts, "parts", Reference{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:len(b)/3])
	f.Add(append(make([]byte, 128), []byte("DICM\x02\x00\x10\x00UI\x04\x00ab")...))
	f.Fuzz(func(t *testing.T, b []byte) {
		if s, err := decode(b); err == nil && len(s.Frames) > 0 {
			s.Labels(p.Parts.Grid)
		}
	})
}

// TestRoundTripOblique: a map whose slices are tilted (rotated 30° about
// the left-right axis) and stored in another axis order keeps every voxel
// and passes dciodvfy; positions and orientation carry the geometry.
func TestRoundTripOblique(t *testing.T) {
	p := phantom(t)
	m := p.Parts
	c, s := math.Cos(math.Pi/6), math.Sin(math.Pi/6)
	sp := m.Spacing
	// i toward the patient's right (R), j and k rotated in the A-S plane.
	m.Affine = volume.Mat4{
		{sp[0], 0, 0, 12.5},
		{0, c * sp[1], -s * sp[2], -40},
		{0, s * sp[1], c * sp[2], 300},
		{0, 0, 0, 1},
	}
	path := writeSEG(t, p, "parts", Reference{})
	if out, err := exec.Command("dciodvfy", path).CombinedOutput(); err != nil || strings.Contains(string(out), "\nError") || strings.HasPrefix(string(out), "Error") {
		t.Errorf("dciodvfy: %v\n%s", err, out)
	}
	seg, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	_, got, err := seg.Labels(m.Grid)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Voxels, m.Voxels) {
		t.Fatal("oblique round trip differs")
	}
	// The same SEG on the untilted grid does not fit.
	if _, _, err := seg.Labels(p.Regions.Grid); err == nil || !strings.Contains(err.Error(), "orientation") {
		t.Errorf("untilted grid: %v", err)
	}
}
