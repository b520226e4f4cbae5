// Package dicomseg writes a case's label maps as DICOM Segmentation objects
// (BINARY, one segment per label with SNOMED CT codes and recommended
// colours, frames on the annotated axial slices) and reads such objects
// back onto a case's grid. It parses DICOM itself, bounds-checked, and
// never imports a GUI toolkit.
package dicomseg

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/dicom"
)

// Reference is what a SEG takes over from the CT it segments: patient and
// study, the frame of reference, and the source series. Empty UIDs are
// made afresh (a case not imported from DICOM gets a new study).
type Reference struct {
	PatientName, PatientID, PatientBirthDate, PatientSex string
	StudyInstanceUID, StudyDate, StudyTime, StudyID      string
	AccessionNumber, ReferringPhysicianName              string
	FrameOfReferenceUID                                  string
	// SeriesInstanceUID is the source CT series; SOPClassUID and
	// SOPInstanceUID one of its images (the lowest slice, kept at import).
	SeriesInstanceUID, SOPClassUID, SOPInstanceUID string
}

// ReferenceFromTags fills a Reference from the tags a DICOM import kept
// (store's dicom-tags.json).
func ReferenceFromTags(tags []dicom.Tag) Reference {
	v := map[string]string{}
	for _, t := range tags {
		v[t.Tag] = t.Value
	}
	return Reference{
		PatientName: v["(0010,0010)"], PatientID: v["(0010,0020)"],
		PatientBirthDate: v["(0010,0030)"], PatientSex: v["(0010,0040)"],
		StudyInstanceUID: v["(0020,000D)"], StudyDate: v["(0008,0020)"], StudyTime: v["(0008,0030)"],
		StudyID: v["(0020,0010)"], AccessionNumber: v["(0008,0050)"], ReferringPhysicianName: v["(0008,0090)"],
		FrameOfReferenceUID: v["(0020,0052)"], SeriesInstanceUID: v["(0020,000E)"],
		SOPClassUID: v["(0008,0016)"], SOPInstanceUID: v["(0008,0018)"],
	}
}

// Series describes the written SEG series.
type Series struct {
	Description string // SeriesDescription; default "SAROS body regions" or "… parts"
	Number      int    // SeriesNumber; default 300
	Creator     string // ContentCreatorName (PN), may be ""
	Version     string // SoftwareVersions
}

// Written says what Write produced.
type Written struct {
	SOPInstanceUID, SeriesInstanceUID, StudyInstanceUID string
	Segments, Frames                                    int
}

// Write encodes label map m of map mapName ("regions" or "parts") as a
// BINARY DICOM Segmentation (explicit VR little endian): one segment per
// label present, with its name, SNOMED CT codes and recommended CIELab
// colour; one frame per segment and annotated axial slice (an empty frame
// where the label is absent from an annotated slice, so an annotated
// slice of background survives the round trip); no frame for a slice that
// was not annotated. A map with a mixed slice or with no label is refused.
func Write(w io.Writer, m *volume.LabelMap, mapName string, ref Reference, s Series) (*Written, error) {
	info, ok := infoOf(mapName)
	if !ok {
		return nil, fmt.Errorf("DICOM SEG: map %q, want regions or parts", mapName)
	}
	var ks []int
	for k, st := range m.SliceStates() {
		switch st {
		case volume.Mixed:
			return nil, fmt.Errorf("DICOM SEG: slice %d of the %s map is partly annotated; a SEG cannot hold that", k, mapName)
		case volume.Annotated:
			ks = append(ks, k)
		}
	}
	var present []uint8
	h := m.Histogram()
	for v := 1; v < 255; v++ {
		if h[v] == 0 {
			continue
		}
		if _, ok := info.codes[uint8(v)]; !ok {
			return nil, fmt.Errorf("DICOM SEG: %d voxels hold %d, not a %s label", h[v], v, mapName)
		}
		present = append(present, uint8(v))
	}
	if len(present) == 0 {
		return nil, fmt.Errorf("DICOM SEG: the %s map holds no label to export", mapName)
	}
	iop, err := orientation(m.Grid)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	if checkUID(ref.StudyInstanceUID) != nil {
		ref.StudyInstanceUID = NewUID()
		if ref.StudyID == "" {
			ref.StudyID = "1" // a new study: its first
		}
	}
	if checkUID(ref.FrameOfReferenceUID) != nil {
		ref.FrameOfReferenceUID = NewUID()
	}
	if ref.StudyDate == "" {
		ref.StudyDate, ref.StudyTime = now.Format("20060102"), now.Format("150405")
	}
	if ref.PatientID == "" {
		ref.PatientID = "ANONYMOUS"
	}
	if s.Number == 0 {
		s.Number = 300
	}
	if s.Description == "" {
		s.Description = "SAROS body " + mapName
	}
	out := &Written{SOPInstanceUID: NewUID(), SeriesInstanceUID: NewUID(), StudyInstanceUID: ref.StudyInstanceUID, Segments: len(present)}

	// Segments, frames and their pixels.
	var segments [][]elem
	var perFrame [][]elem
	nx, ny := m.Dims[0], m.Dims[1]
	per := nx * ny
	nFrames := len(present) * len(ks)
	pixels := make([]byte, (nFrames*per+7)/8+((nFrames*per+7)/8)%2)
	f := 0
	for si, v := range present {
		sc := info.codes[v]
		lab := CIELab(info.colours[v])
		typ := codeItem(sc.Type)
		if sc.Modifier != nil {
			typ = append(typ, sq(0x00620011, codeItem(*sc.Modifier)))
		}
		segments = append(segments, []elem{
			sq(0x00620003, codeItem(sc.Category)),
			us(0x00620004, si+1),
			str(0x00620005, "LO", info.table.Name(v)),
			str(0x00620008, "CS", "SEMIAUTOMATIC"),
			str(0x00620009, "LO", "model proposal corrected by annotators"),
			us(0x0062000D, lab[0], lab[1], lab[2]),
			sq(0x0062000F, typ),
		})
		for pi, k := range ks {
			sl := m.Axial(k)
			base := f * per
			for i, x := range sl {
				if x == v {
					b := base + i
					pixels[b>>3] |= 1 << (b & 7)
				}
			}
			pos := lps(m.World(0, 0, float64(k)))
			perFrame = append(perFrame, []elem{
				sq(0x00209111, []elem{ul(0x00209157, si+1, pi+1)}),
				sq(0x00209113, []elem{ds(0x00200032, pos[0], pos[1], pos[2])}),
				sq(0x0062000A, []elem{us(0x0062000B, si+1)}),
			})
			f++
		}
	}
	dimOrg := NewUID()
	shared := []elem{
		sq(0x00209116, []elem{ds(0x00200037, iop[:]...)}),
		sq(0x00289110, pixelMeasures(m, ks)),
	}
	var refSeries []elem
	if checkUID(ref.SeriesInstanceUID) == nil && checkUID(ref.SOPClassUID) == nil && checkUID(ref.SOPInstanceUID) == nil {
		// The source series, through the one image of it the import kept
		// (its lowest slice): the SEG lies on the case's resampled grid, so
		// its frames match no source image one to one.
		inst := []elem{str(0x00081150, "UI", ref.SOPClassUID), str(0x00081155, "UI", ref.SOPInstanceUID)}
		refSeries = append(refSeries, sq(0x00081115, []elem{
			sq(0x0008114A, inst),
			str(0x0020000E, "UI", ref.SeriesInstanceUID),
		}))
		shared = append(shared, sq(0x00089124, []elem{
			sq(0x00082112, append(append([]elem{}, inst...),
				sq(0x0040A170, codeItem(Code{"121322", "DCM", "Source image for image processing operation"})))),
			sq(0x00089215, codeItem(Code{"113076", "DCM", "Segmentation"})),
		}))
	}
	set := []elem{
		str(0x00080005, "CS", "ISO_IR 192"),
		strs(0x00080008, "CS", "DERIVED", "PRIMARY"),
		str(0x00080016, "UI", SegmentationStorage),
		str(0x00080018, "UI", out.SOPInstanceUID),
		str(0x00080020, "DA", ref.StudyDate),
		str(0x00080023, "DA", now.Format("20060102")),
		str(0x00080030, "TM", ref.StudyTime),
		str(0x00080033, "TM", now.Format("150405")),
		str(0x00080050, "SH", ref.AccessionNumber),
		str(0x00080060, "CS", "SEG"),
		str(0x00080070, "LO", "SAROS Review"),
		str(0x00080090, "PN", ref.ReferringPhysicianName),
		str(0x0008103E, "LO", s.Description),
		str(0x00081090, "LO", "saros-review"),
		str(0x00100010, "PN", ref.PatientName),
		str(0x00100020, "LO", ref.PatientID),
		str(0x00100030, "DA", ref.PatientBirthDate),
		str(0x00100040, "CS", ref.PatientSex),
		str(0x00181000, "LO", "1"),
		str(0x00181020, "LO", orDefault(s.Version, "unknown")),
		str(0x0020000D, "UI", ref.StudyInstanceUID),
		str(0x0020000E, "UI", out.SeriesInstanceUID),
		str(0x00200010, "SH", ref.StudyID),
		is(0x00200011, s.Number),
		is(0x00200013, 1),
		str(0x00200052, "UI", ref.FrameOfReferenceUID),
		str(0x00201040, "LO", ""),
		sq(0x00209221, []elem{str(0x00209164, "UI", dimOrg)}),
		sq(0x00209222,
			[]elem{str(0x00209164, "UI", dimOrg), at(0x00209165, 0x0062000B), at(0x00209167, 0x0062000A), str(0x00209421, "LO", "ReferencedSegmentNumber")},
			[]elem{str(0x00209164, "UI", dimOrg), at(0x00209165, 0x00200032), at(0x00209167, 0x00209113), str(0x00209421, "LO", "ImagePositionPatient")}),
		us(0x00280002, 1),
		str(0x00280004, "CS", "MONOCHROME2"),
		is(0x00280008, nFrames),
		us(0x00280010, ny),
		us(0x00280011, nx),
		us(0x00280100, 1),
		us(0x00280101, 1),
		us(0x00280102, 0),
		us(0x00280103, 0),
		str(0x00282110, "CS", "00"),
		str(0x00620001, "CS", "BINARY"),
		sq(0x00620002, segments...),
		str(0x00700080, "CS", info.content),
		str(0x00700081, "LO", "SAROS "+mapName+", annotated axial slices only"),
		str(0x00700084, "PN", s.Creator),
		sq(0x52009229, shared),
		sq(0x52009230, perFrame...),
		{tag: 0x7FE00010, vr: "OB", value: pixels},
	}
	set = append(set, refSeries...)
	out.Frames = nFrames
	if _, err := w.Write(fileBytes(out.SOPInstanceUID, set)); err != nil {
		return nil, fmt.Errorf("DICOM SEG: %w", err)
	}
	return out, nil
}

func orDefault(s, d string) string {
	if strings.TrimSpace(s) == "" {
		return d
	}
	return s
}

// codeItem is a code sequence item.
func codeItem(c Code) []elem {
	return []elem{str(0x00080100, "SH", c.Value), str(0x00080102, "SH", c.Scheme), str(0x00080104, "LO", c.Meaning)}
}

// lps turns a RAS position or direction into DICOM's LPS.
func lps(p [3]float64) [3]float64 { return [3]float64{-p[0], -p[1], p[2]} }

// orientation is ImageOrientationPatient of the grid's axial slices: the
// directions of i (along a row) and j (down a column) in LPS. The slice
// axis must be perpendicular to both, as a SEG's frames require.
func orientation(g volume.Grid) ([6]float64, error) {
	r, c, n := lps(g.Direction(volume.AxisI)), lps(g.Direction(volume.AxisJ)), lps(g.Direction(volume.AxisK))
	dot := func(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
	if math.Abs(dot(r, n)) > 1e-4 || math.Abs(dot(c, n)) > 1e-4 || math.Abs(dot(r, c)) > 1e-4 {
		return [6]float64{}, fmt.Errorf("DICOM SEG: the grid's axes are not perpendicular (sheared or tilted); a SEG needs its slices perpendicular to the slice axis")
	}
	return [6]float64{r[0], r[1], r[2], c[0], c[1], c[2]}, nil
}

// encodeFile is Write into a byte slice, for tests.
func encodeFile(m *volume.LabelMap, mapName string, ref Reference) ([]byte, error) {
	var b bytes.Buffer
	_, err := Write(&b, m, mapName, ref, Series{})
	return b.Bytes(), err
}

// pixelMeasures is the shared Pixel Measures item: pixel spacing, slice
// thickness (the CT's) and SpacingBetweenSlices, the distance between
// adjacent frames (the annotated slices' stride times the slice spacing),
// left out when the annotated slices are not evenly spaced or there is
// only one.
func pixelMeasures(m *volume.LabelMap, ks []int) []elem {
	e := []elem{ds(0x00280030, m.Spacing[1], m.Spacing[0]), ds(0x00180050, m.Spacing[2])}
	if len(ks) < 2 {
		return e
	}
	step := ks[1] - ks[0]
	for i := 2; i < len(ks); i++ {
		if ks[i]-ks[i-1] != step {
			return e
		}
	}
	return append(e, ds(0x00180088, float64(step)*m.Spacing[2]))
}
