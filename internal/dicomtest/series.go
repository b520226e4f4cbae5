// Package dicomtest writes synthetic DICOM CT series for tests (with
// github.com/suyashkumar/dicom's writer). Only tests import it.
package dicomtest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

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
}

func (s Series) normal() [3]float64 {
	r, c := s.Orient[:3], s.Orient[3:]
	return [3]float64{r[1]*c[2] - r[2]*c[1], r[2]*c[0] - r[0]*c[2], r[0]*c[1] - r[1]*c[0]}
}

func el(t testing.TB, tg tag.Tag, v any) *dcm.Element {
	e, err := dcm.NewElement(tg, v)
	if err != nil {
		t.Fatalf("%v: %v", tg, err)
	}
	return e
}

func ds(v float64) string { return fmt.Sprintf("%g", v) }

// Write writes the series into dir as one file per slice, named in a
// shuffled order with reversed instance numbers, so only positions can
// order them.
func (s Series) Write(t testing.TB, dir string) {
	os.MkdirAll(dir, 0o755)
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
		d := dcm.Dataset{Elements: []*dcm.Element{
			el(t, tag.MediaStorageSOPClassUID, []string{"1.2.840.10008.5.1.4.1.1.2"}),
			el(t, tag.MediaStorageSOPInstanceUID, []string{fmt.Sprintf("1.2.3.%d", k)}),
			el(t, tag.TransferSyntaxUID, []string{syntax}),
			el(t, tag.Modality, []string{"CT"}),
			el(t, tag.SeriesInstanceUID, []string{s.UID}),
			el(t, tag.InstanceNumber, []string{fmt.Sprint(s.N - k)}),
			el(t, tag.ImagePositionPatient, []string{ds(pos[0]), ds(pos[1]), ds(pos[2])}),
			el(t, tag.ImageOrientationPatient, o),
			el(t, tag.PixelSpacing, []string{ds(s.RowSp), ds(s.ColSp)}),
			el(t, tag.SamplesPerPixel, []int{1}),
			el(t, tag.PhotometricInterpretation, []string{"MONOCHROME2"}),
			el(t, tag.Rows, []int{s.Rows}),
			el(t, tag.Columns, []int{s.Cols}),
			el(t, tag.BitsAllocated, []int{16}),
			el(t, tag.BitsStored, []int{s.BitsStored}),
			el(t, tag.HighBit, []int{s.BitsStored - 1}),
			el(t, tag.PixelRepresentation, []int{pr}),
			el(t, tag.RescaleSlope, []string{ds(s.Slope)}),
			el(t, tag.RescaleIntercept, []string{ds(s.Inter)}),
			el(t, tag.PixelData, pixels),
		}}
		if s.Sex != "" { // in tag order: after Modality, before the series UID
			d.Elements = append(d.Elements[:4], append([]*dcm.Element{el(t, tag.PatientSex, []string{s.Sex})}, d.Elements[4:]...)...)
		}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("img%04d.dcm", order[k])))
		if err != nil {
			t.Fatal(err)
		}
		if err := dcm.Write(f, d); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}
