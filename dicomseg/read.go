package dicomseg

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/saros-review/saros-review/internal/regular"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// MaxFileSize bounds a SEG file read into memory (2 GiB).
const MaxFileSize = 2 << 30

// Segment is one item of a SEG's Segment Sequence.
type Segment struct {
	Number   int
	Label    string
	Type     Code
	Modifier *Code
}

// Frame is one frame of a SEG: its segment and the LPS position of its
// first pixel.
type Frame struct {
	Segment  int
	Position [3]float64
}

// SEG is a BINARY DICOM Segmentation as read from a file.
type SEG struct {
	Path                               string
	SeriesInstanceUID, SOPInstanceUID  string
	FrameOfReferenceUID, StudyInstance string
	PatientID                          string
	Rows, Columns                      int
	Orientation                        [6]float64 // ImageOrientationPatient (LPS)
	PixelSpacing                       [2]float64 // between rows, between columns
	Segments                           []Segment
	Frames                             []Frame
	pixels                             []byte // bit-packed, frame after frame
}

// IsSEG reports whether a file is a DICOM Segmentation by its file meta
// group (cheap: the first 64 KiB at most).
func IsSEG(path string) bool {
	f, err := regular.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, b)
	b = b[:n]
	if len(b) < 132 || string(b[128:132]) != "DICM" {
		return false
	}
	p := &parser{b: b, pos: 132}
	var meta dataset
	for p.pos+8 <= len(b) && p.u16(p.pos) == 0x0002 {
		e, err := p.element(0)
		if err != nil {
			return false
		}
		meta = append(meta, e)
	}
	return meta.str(0x00020002) == SegmentationStorage
}

// Read reads and checks a BINARY Segmentation file; every problem is an
// error naming the file.
func Read(path string) (*SEG, error) { return readLimited(path, MaxFileSize) }

// ReadFor is Read for a SEG to be placed on grid g: a file larger than
// MaxSizeFor(g) cannot be one of g's and is refused before it is read,
// so a huge (or sparse) file costs no memory.
func ReadFor(path string, g volume.Grid) (*SEG, error) {
	return readLimited(path, min(MaxSizeFor(g), MaxFileSize))
}

// MaxSizeFor is the largest SEG that fits grid g: a frame on every slice
// for every label of the larger map, bit-packed, with 1 KiB of functional
// groups each, and 64 MiB for the rest of the header.
func MaxSizeFor(g volume.Grid) int64 {
	n := int64(max(len(labels.Regions.Labels), len(labels.Parts.Labels)))
	frames := int64(g.Dims[2]) * n
	return 64<<20 + frames*((int64(g.Dims[0])*int64(g.Dims[1])+7)/8+1024)
}

// readLimited reads a SEG file of at most limit bytes.
func readLimited(path string, limit int64) (*SEG, error) {
	f, err := regular.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read SEG: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read SEG: %w", err)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("read SEG %s: %d bytes, more than the %d bytes (%.1f MiB) a SEG may have here", path, st.Size(), limit, float64(limit)/(1<<20))
	}
	// Exactly the size seen; a file that grew meanwhile is not read on.
	b := make([]byte, st.Size())
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, fmt.Errorf("read SEG %s: %w", path, err)
	}
	s, err := decode(b)
	if err != nil {
		return nil, fmt.Errorf("read SEG %s: %w", path, err)
	}
	s.Path = path
	return s, nil
}

// decode turns a file's bytes into a SEG.
func decode(b []byte) (*SEG, error) {
	_, ds, err := parseFile(b)
	if err != nil {
		return nil, err
	}
	if c := ds.str(0x00080016); c != SegmentationStorage {
		return nil, fmt.Errorf("SOP class %q is not Segmentation Storage", c)
	}
	if t := ds.str(0x00620001); t != "BINARY" {
		return nil, fmt.Errorf("segmentation type %q: only BINARY is read", t)
	}
	s := &SEG{SeriesInstanceUID: ds.str(0x0020000E), SOPInstanceUID: ds.str(0x00080018),
		FrameOfReferenceUID: ds.str(0x00200052), StudyInstance: ds.str(0x0020000D),
		PatientID: ds.str(0x00100020)}
	if v := ds.uints(0x00280100); len(v) != 1 || v[0] != 1 {
		return nil, fmt.Errorf("BitsAllocated %v, want 1", v)
	}
	if v := ds.uints(0x00280002); len(v) != 1 || v[0] != 1 {
		return nil, fmt.Errorf("SamplesPerPixel %v, want 1", v)
	}
	r, c, nf := ds.uints(0x00280010), ds.uints(0x00280011), ds.uints(0x00280008)
	if len(r) != 1 || len(c) != 1 || len(nf) != 1 || r[0] < 1 || c[0] < 1 || nf[0] < 1 || r[0] > 0xFFFF || c[0] > 0xFFFF {
		return nil, fmt.Errorf("Rows %v, Columns %v, NumberOfFrames %v: want one positive number each, rows and columns at most 65535", r, c, nf)
	}
	s.Rows, s.Columns = r[0], c[0]
	px := ds.find(0x7FE00010)
	if px == nil {
		return nil, fmt.Errorf("no pixel data")
	}
	// Frames that cannot fit in the pixel data are refused before the
	// product (which could overflow) is formed.
	if int64(nf[0]) > int64(len(px.value))*8/(int64(s.Rows)*int64(s.Columns)) {
		return nil, fmt.Errorf("pixel data has %d bytes, too few for NumberOfFrames %d (frames of %d×%d one-bit pixels, %d bytes each)",
			len(px.value), nf[0], s.Columns, s.Rows, (int64(s.Rows)*int64(s.Columns)+7)/8)
	}
	s.pixels = px.value
	seq := ds.find(0x00620002)
	if seq == nil || len(seq.items) == 0 {
		return nil, fmt.Errorf("no Segment Sequence")
	}
	seen := map[int]bool{}
	for _, it := range seq.items {
		num := it.uints(0x00620004)
		if len(num) != 1 {
			return nil, fmt.Errorf("a segment without SegmentNumber")
		}
		if seen[num[0]] {
			return nil, fmt.Errorf("SegmentNumber %d is given to two segments", num[0])
		}
		seen[num[0]] = true
		sg := Segment{Number: num[0], Label: it.str(0x00620005)}
		if ty := it.item(0x0062000F); ty != nil {
			sg.Type = Code{ty.str(0x00080100), ty.str(0x00080102), ty.str(0x00080104)}
			if m := ty.item(0x00620011); m != nil {
				sg.Modifier = &Code{m.str(0x00080100), m.str(0x00080102), m.str(0x00080104)}
			}
		}
		s.Segments = append(s.Segments, sg)
	}
	shared := ds.item(0x52009229)
	pf := ds.find(0x52009230)
	if pf == nil || len(pf.items) != nf[0] {
		return nil, fmt.Errorf("Per-frame Functional Groups Sequence does not have NumberOfFrames (%d) items", nf[0])
	}
	// A functional group is per frame or shared.
	group := func(f dataset, t uint32) dataset {
		if g := f.item(t); g != nil {
			return g
		}
		return shared.item(t)
	}
	for i, f := range pf.items {
		iop, err := group(f, 0x00209116).floats(0x00200037, 6)
		if err != nil {
			return nil, fmt.Errorf("frame %d: ImageOrientationPatient: %w", i+1, err)
		}
		sp, err := group(f, 0x00289110).floats(0x00280030, 2)
		if err != nil {
			return nil, fmt.Errorf("frame %d: PixelSpacing: %w", i+1, err)
		}
		if !(sp[0] > 0 && sp[1] > 0) {
			return nil, fmt.Errorf("frame %d: PixelSpacing %v mm: want two positive numbers", i+1, sp)
		}
		if i == 0 {
			copy(s.Orientation[:], iop)
			copy(s.PixelSpacing[:], sp)
		} else if [6]float64(iop) != s.Orientation || [2]float64(sp) != s.PixelSpacing {
			return nil, fmt.Errorf("frame %d: ImageOrientationPatient %v and PixelSpacing %v differ from frame 1's %v and %v: frames on different planes are not read", i+1, iop, sp, s.Orientation, s.PixelSpacing)
		}
		pos, err := group(f, 0x00209113).floats(0x00200032, 3)
		if err != nil {
			return nil, fmt.Errorf("frame %d: ImagePositionPatient: %w", i+1, err)
		}
		ref := group(f, 0x0062000A).uints(0x0062000B)
		if len(ref) != 1 {
			return nil, fmt.Errorf("frame %d: no ReferencedSegmentNumber", i+1)
		}
		s.Frames = append(s.Frames, Frame{Segment: ref[0], Position: [3]float64{pos[0], pos[1], pos[2]}})
	}
	return s, nil
}

// bit returns pixel p of frame f.
func (s *SEG) bit(f, p int) bool {
	b := f*s.Rows*s.Columns + p
	return s.pixels[b>>3]&(1<<(b&7)) != 0
}

// norm makes label names comparable: lower case, '_' and '-' as spaces.
func norm(s string) string {
	s = strings.ToLower(strings.NewReplacer("_", " ", "-", " ").Replace(s))
	return strings.Join(strings.Fields(s), " ")
}

// Labels places the SEG on grid g: it works out which map the segments
// belong to ("regions" or "parts", by name or code), puts each frame on
// the axial slice its ImagePositionPatient lies on, and returns the map:
// slices with a frame annotated (0 where no segment), the others 255. A
// SEG whose rows, columns, spacing, orientation or positions do not fit
// the grid, whose segments match no label, or whose segments overlap is
// refused with a message saying what does not fit.
func (s *SEG) Labels(g volume.Grid) (string, *volume.LabelMap, error) {
	fail := func(f string, a ...any) (string, *volume.LabelMap, error) {
		return "", nil, fmt.Errorf("SEG %s does not fit the case: %s", s.Path, fmt.Sprintf(f, a...))
	}
	mapName, value, err := s.segmentLabels()
	if err != nil {
		return fail("%v", err)
	}
	if s.Columns != g.Dims[0] || s.Rows != g.Dims[1] {
		return fail("frames of %d×%d pixels, the case's slices are %d×%d", s.Columns, s.Rows, g.Dims[0], g.Dims[1])
	}
	if math.Abs(s.PixelSpacing[0]-g.Spacing[1]) > 1e-3*g.Spacing[1] || math.Abs(s.PixelSpacing[1]-g.Spacing[0]) > 1e-3*g.Spacing[0] {
		return fail("pixel spacing %v mm, the case's is %v", s.PixelSpacing, [2]float64{g.Spacing[1], g.Spacing[0]})
	}
	iop, err := orientation(g)
	if err != nil {
		return "", nil, err
	}
	for i := range iop {
		if math.Abs(iop[i]-s.Orientation[i]) > 1e-4 {
			return fail("orientation %v, the case's axial slices have %v", s.Orientation, iop)
		}
	}
	m := volume.NewLabelMap(g)
	for i := range m.Voxels {
		m.Voxels[i] = labels.NotAnnotated
	}
	ks := make([]int, len(s.Frames))
	for f, fr := range s.Frames {
		v, err := g.Voxel(lpsToRAS(fr.Position))
		if err != nil {
			return "", nil, err
		}
		k := math.Round(v[2])
		// Written so that NaN fails every test.
		if !(math.Abs(v[0]) <= 0.01 && math.Abs(v[1]) <= 0.01 && math.Abs(v[2]-k) <= 0.01 && k >= 0 && k < float64(g.Dims[2])) {
			return fail("frame %d at %v mm (LPS) lies on no axial slice of the case (voxel %.3f, %.3f, %.3f)", f+1, fr.Position, v[0], v[1], v[2])
		}
		if _, ok := value[fr.Segment]; !ok {
			return fail("frame %d refers to segment %d, which the SEG does not define", f+1, fr.Segment)
		}
		ks[f] = int(k)
		sl := m.Axial(int(k))
		if sl[0] == labels.NotAnnotated {
			clear(sl)
		}
	}
	if err := s.checkCoverage(ks); err != nil {
		return fail("%v", err)
	}
	for f, fr := range s.Frames {
		sl := m.Axial(ks[f])
		v := value[fr.Segment]
		for p := range sl {
			if !s.bit(f, p) {
				continue
			}
			if sl[p] != 0 && sl[p] != v {
				info, _ := infoOf(mapName)
				return fail("segments %q and %q overlap on slice %d", info.table.Name(sl[p]), info.table.Name(v), ks[f])
			}
			sl[p] = v
		}
	}
	return mapName, m, nil
}

// lpsToRAS turns a DICOM LPS position into RAS.
func lpsToRAS(p [3]float64) [3]float64 { return [3]float64{-p[0], -p[1], p[2]} }
