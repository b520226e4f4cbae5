// Package dicomtest writes synthetic DICOM CT series for tests (with
// github.com/suyashkumar/dicom's writer). Only tests and the screenshot
// tool (docs/mkdicom) import it.
package dicomtest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/saros-review/saros-review/volume"
	dcm "github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/frame"
	"github.com/suyashkumar/dicom/pkg/tag"
	"github.com/suyashkumar/dicom/pkg/uid"
)

// Series describes a synthetic CT series written with the DICOM library's
// own writer, for tests.
type Series struct {
	UID          string
	Rows, Cols   int
	Orient       [6]float64
	Origin       [3]float64 // LPS of the first slice's first pixel
	RowSp, ColSp float64
	Step         float64 // mm between slices along the normal
	N            int
	Signed       bool
	BitsStored   int
	Slope, Inter float64
	Skip         int // a slice index left out (−1 none)
	Value        func(i, j, k int) int
	// Syntax is the transfer syntax UID: implicit or explicit VR little
	// endian, or explicit big endian (explicit little endian when empty).
	Syntax string
	// Sex is PatientSex (0010,0040), left out when empty.
	Sex string
	// Identifiers are more string elements for every slice (patient name,
	// id, institution…), for de-identification tests.
	Identifiers map[tag.Tag][]string
}

func (s Series) normal() [3]float64 {
	r, c := s.Orient[:3], s.Orient[3:]
	return [3]float64{r[1]*c[2] - r[2]*c[1], r[2]*c[0] - r[0]*c[2], r[0]*c[1] - r[1]*c[0]}
}

// elements makes DICOM elements, keeping the first error.
type elements struct{ err error }

func (m *elements) el(tg tag.Tag, v any) *dcm.Element {
	e, err := dcm.NewElement(tg, v)
	if err != nil && m.err == nil {
		m.err = fmt.Errorf("%v: %w", tg, err)
	}
	return e
}

func ds(v float64) string { return fmt.Sprintf("%g", v) }

// Write writes the series into dir as one file per slice, named in a
// shuffled order with reversed instance numbers, so only positions can
// order them; a failure fails the test.
func (s Series) Write(t testing.TB, dir string) {
	t.Helper()
	if err := s.WriteFiles(dir); err != nil {
		t.Fatal(err)
	}
}

// WriteFiles is Write returning the error.
func (s Series) WriteFiles(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	nrm := s.normal()
	order := rand.New(rand.NewPCG(1, 2)).Perm(s.N)
	for k := 0; k < s.N; k++ {
		if k == s.Skip {
			continue
		}
		pos := [3]float64{s.Origin[0] + nrm[0]*s.Step*float64(k), s.Origin[1] + nrm[1]*s.Step*float64(k), s.Origin[2] + nrm[2]*s.Step*float64(k)}
		raw := make([]uint16, s.Rows*s.Cols)
		for j := 0; j < s.Rows; j++ {
			for i := 0; i < s.Cols; i++ {
				raw[j*s.Cols+i] = uint16(s.Value(i, j, k))
			}
		}
		syntax := s.Syntax
		if syntax == "" {
			syntax = uid.ExplicitVRLittleEndian
		}
		pixels := dcm.PixelDataInfo{Frames: []*frame.Frame{{NativeData: &frame.NativeFrame[uint16]{
			InternalBitsPerSample: 16, InternalRows: s.Rows, InternalCols: s.Cols, InternalSamplesPerPixel: 1, RawData: raw}}}}
		pr := 0
		if s.Signed {
			pr = 1
		}
		o := make([]string, 6)
		for i, v := range s.Orient {
			o[i] = ds(v)
		}
		var m elements
		el := m.el
		d := dcm.Dataset{Elements: []*dcm.Element{
			el(tag.MediaStorageSOPClassUID, []string{"1.2.840.10008.5.1.4.1.1.2"}),
			el(tag.MediaStorageSOPInstanceUID, []string{fmt.Sprintf("1.2.3.%d", k)}),
			el(tag.TransferSyntaxUID, []string{syntax}),
			el(tag.Modality, []string{"CT"}),
			el(tag.SeriesInstanceUID, []string{s.UID}),
			el(tag.InstanceNumber, []string{fmt.Sprint(s.N - k)}),
			el(tag.ImagePositionPatient, []string{ds(pos[0]), ds(pos[1]), ds(pos[2])}),
			el(tag.ImageOrientationPatient, o),
			el(tag.PixelSpacing, []string{ds(s.RowSp), ds(s.ColSp)}),
			el(tag.SamplesPerPixel, []int{1}),
			el(tag.PhotometricInterpretation, []string{"MONOCHROME2"}),
			el(tag.Rows, []int{s.Rows}),
			el(tag.Columns, []int{s.Cols}),
			el(tag.BitsAllocated, []int{16}),
			el(tag.BitsStored, []int{s.BitsStored}),
			el(tag.HighBit, []int{s.BitsStored - 1}),
			el(tag.PixelRepresentation, []int{pr}),
			el(tag.RescaleSlope, []string{ds(s.Slope)}),
			el(tag.RescaleIntercept, []string{ds(s.Inter)}),
			el(tag.PixelData, pixels),
		}}
		if s.Sex != "" { // in tag order: after Modality, before the series UID
			d.Elements = append(d.Elements[:4], append([]*dcm.Element{el(tag.PatientSex, []string{s.Sex})}, d.Elements[4:]...)...)
		}
		for tg, v := range s.Identifiers {
			d.Elements = append(d.Elements, el(tg, v))
		}
		if len(s.Identifiers) > 0 { // the writer wants tag order
			sort.SliceStable(d.Elements, func(a, b int) bool {
				x, y := d.Elements[a].Tag, d.Elements[b].Tag
				return x.Group < y.Group || x.Group == y.Group && x.Element < y.Element
			})
		}
		if m.err != nil {
			return m.err
		}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("img%04d.dcm", order[k])))
		if err != nil {
			return err
		}
		err = dcm.Write(f, d)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", f.Name(), err)
		}
	}
	return nil
}

// FromImage describes an LPS-stored int16 CT image (such as the demo
// phantom's) as a series: its grid, HU stored as value + 1024 in 12 bits,
// each slice at its world position.
func FromImage(im *volume.Image, uid string) Series {
	o := im.World(0, 0, 0) // RAS; DICOM positions are LPS
	return Series{
		UID:  uid,
		Rows: im.Dims[1], Cols: im.Dims[0],
		// Stored LPS: i runs to the patient's left, j to posterior, k up,
		// as DICOM's x, y and z do.
		Orient: [6]float64{1, 0, 0, 0, 1, 0}, Origin: [3]float64{-o[0], -o[1], o[2]},
		RowSp: im.Spacing[1], ColSp: im.Spacing[0], Step: im.Spacing[2], N: im.Dims[2],
		BitsStored: 12, Slope: 1, Inter: -1024, Skip: -1,
		Value: func(i, j, k int) int { return int(im.At(i, j, k)) + 1024 },
	}
}
