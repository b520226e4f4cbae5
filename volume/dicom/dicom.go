// Package dicom turns DICOM CT series into volumes: it scans a folder
// tree, groups the files by series, orders the slices by their position
// along the slice normal (never by file name or instance number), and
// builds an int16 HU image whose affine is converted from DICOM's LPS to
// the RAS of the rest of the application. It reads DICOM with
// github.com/suyashkumar/dicom and never imports a GUI toolkit.
package dicom

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	dcm "github.com/suyashkumar/dicom"
	"github.com/suyashkumar/dicom/pkg/frame"
	"github.com/suyashkumar/dicom/pkg/tag"

	"github.com/saros-review/saros-review/internal/regular"
	"github.com/saros-review/saros-review/volume"
)

// File is one DICOM image file's header: what is needed to place it.
type File struct {
	Path        string
	Series      string
	Modality    string
	Description string
	Position    [3]float64 // ImagePositionPatient, LPS mm
	Orientation [6]float64 // ImageOrientationPatient: row, then column direction
	Rows, Cols  int
	Spacing     [2]float64 // PixelSpacing: between rows, between columns (mm)
	Slope       float64
	Intercept   float64
	Signed      bool // PixelRepresentation 1
	BitsStored  int
	BitsAlloc   int
	Syntax      string // transfer syntax UID
}

// Series is the files of one SeriesInstanceUID.
type Series struct {
	UID         string
	Modality    string
	Description string
	Files       []*File
}

// Scan reads the headers of every file under dir and groups the DICOM
// images by series, largest CT series first. Files that are not DICOM are
// skipped and counted; DICOM files that cannot be read are listed in
// warnings, never fatal.
func Scan(dir string) (series []*Series, skipped int, warnings []string, err error) {
	return scan(dir, true)
}

// ScanFolder is Scan of dir's own files, without its sub-folders (for the
// folder of one DICOM file a desktop asked to open, which may hold
// anything else too).
func ScanFolder(dir string) (series []*Series, skipped int, warnings []string, err error) {
	return scan(dir, false)
}

// Holds reports whether any of the first limit files under dir (walking
// sub-folders) is DICOM: a cheap look before a full Scan of a folder that
// may be anything.
func Holds(dir string, limit int) bool {
	seen, found := 0, false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if IsFile(p) {
			found = true
			return fs.SkipAll
		}
		if seen++; seen >= limit {
			return fs.SkipAll
		}
		return nil
	})
	return found
}

func scan(dir string, recursive bool) (series []*Series, skipped int, warnings []string, err error) {
	by := map[string]*Series{}
	var odd, bad, slices []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err // the folder itself: nothing to scan
			}
			// An unreadable sub-folder or file, or a path too long for
			// the system: say so and scan the rest.
			warnings = append(warnings, fmt.Sprintf("%s: skipped, cannot be read (%v)", p, unwrapPath(err)))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if !recursive && p != dir {
				return fs.SkipDir
			}
			return nil
		}
		if fh, oerr := regular.Open(p); oerr != nil {
			odd = append(odd, fmt.Sprintf("%s (%v)", p, oddReason(d, oerr)))
			return nil
		} else {
			fh.Close()
		}
		f, ok, werr := readHeader(p)
		switch {
		case werr != nil && errors.Is(werr, errSliceSkipped):
			slices = append(slices, werr.Error())
		case werr != nil:
			bad = append(bad, werr.Error())
		case !ok:
			skipped++
		default:
			s := by[f.Series]
			if s == nil {
				s = &Series{UID: f.Series, Modality: f.Modality, Description: f.Description}
				by[f.Series] = s
			}
			s.Files = append(s.Files, f)
		}
		return nil
	})
	if err != nil {
		return nil, skipped, warnings, fmt.Errorf("scan %s: %w", dir, err)
	}
	warnings = append(warnings, aggregate(slices, "slices have values that would corrupt the volume and were skipped")...)
	warnings = append(warnings, aggregate(bad, "files could not be read as DICOM images and were skipped")...)
	warnings = append(warnings, aggregate(odd, "entries are not readable files and were skipped")...)
	for _, s := range by {
		series = append(series, s)
	}
	sort.Slice(series, func(a, b int) bool {
		ca, cb := series[a].Modality == "CT", series[b].Modality == "CT"
		if ca != cb {
			return ca
		}
		if len(series[a].Files) != len(series[b].Files) {
			return len(series[a].Files) > len(series[b].Files)
		}
		return series[a].UID < series[b].UID
	})
	return series, skipped, warnings, nil
}

// errSliceSkipped marks a slice refused for its values (it is DICOM).
var errSliceSkipped = errors.New("the slice is skipped")

// shownWarnings is how many warnings of one kind a scan names before it
// counts the rest, so 50,000 junk files make one warning, not 50,000.
const shownWarnings = 10

// aggregate returns items as warnings: each one when there are at most
// shownWarnings, else one warning counting them (what) and naming the
// first few.
func aggregate(items []string, what string) []string {
	if len(items) <= shownWarnings {
		return items
	}
	return []string{fmt.Sprintf("%d %s; the first %d: %s; …", len(items), what, 3, strings.Join(items[:3], "; "))}
}

// oddReason says why an entry that is not a folder was not read: what it
// is (a named pipe, a device, a link to a folder…) or the error.
func oddReason(d fs.DirEntry, err error) error {
	if d.Type()&fs.ModeSymlink != 0 && errors.Is(err, regular.ErrNotRegular) {
		return fmt.Errorf("a symbolic link to something that %v", unwrapPath(err))
	}
	return unwrapPath(err)
}

// IsFile reports whether the file at p is DICOM (it carries the DICM
// marker after the 128-byte preamble).
func IsFile(p string) bool {
	f, err := regular.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	var b [132]byte
	n, _ := f.Read(b[:])
	return n == 132 && string(b[128:132]) == "DICM"
}

// unwrapPath drops the path an *fs.PathError repeats, since the warning
// names it already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readHeader parses a file's header without its pixel data; ok is false
// for files that are not DICOM images.
func readHeader(p string) (f *File, ok bool, err error) {
	if !IsFile(p) {
		return nil, false, nil
	}
	defer func() {
		if r := recover(); r != nil { // a malformed file must never stop the scan
			f, ok, err = nil, false, fmt.Errorf("%s: unreadable DICOM (%v)", p, r)
		}
	}()
	ds, err := parseFile(p, false)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", p, err)
	}
	if _, err := ds.FindElementByTag(tag.PixelData); err != nil {
		return nil, false, nil // no image (a report, a DICOMDIR…)
	}
	f = &File{Path: p, Slope: 1}
	f.Series = str(ds, tag.SeriesInstanceUID)
	f.Modality = str(ds, tag.Modality)
	f.Description = str(ds, tag.SeriesDescription)
	f.Syntax = str(ds, tag.TransferSyntaxUID)
	pos, o := floats(ds, tag.ImagePositionPatient), floats(ds, tag.ImageOrientationPatient)
	sp := floats(ds, tag.PixelSpacing)
	if len(pos) != 3 || len(o) != 6 || len(sp) != 2 {
		return nil, false, fmt.Errorf("%s: no image position, orientation or pixel spacing", p)
	}
	copy(f.Position[:], pos)
	copy(f.Orientation[:], o)
	copy(f.Spacing[:], sp)
	if err := checkValues(f, ds); err != nil {
		return nil, false, fmt.Errorf("%s: %w; %w", p, err, errSliceSkipped)
	}
	f.Rows, f.Cols = integer(ds, tag.Rows), integer(ds, tag.Columns)
	f.Signed = integer(ds, tag.PixelRepresentation) == 1
	f.BitsStored = integer(ds, tag.BitsStored)
	if v := floats(ds, tag.RescaleSlope); len(v) == 1 && v[0] != 0 {
		f.Slope = v[0]
	}
	if v := floats(ds, tag.RescaleIntercept); len(v) == 1 {
		f.Intercept = v[0]
	}
	if !finite(f.Slope) || math.Abs(f.Slope) > maxSlope {
		return nil, false, fmt.Errorf("%s: RescaleSlope %g is not a finite factor up to %g; %w", p, f.Slope, float64(maxSlope), errSliceSkipped)
	}
	if !finite(f.Intercept) || math.Abs(f.Intercept) > maxIntercept {
		return nil, false, fmt.Errorf("%s: RescaleIntercept %g is not a finite offset up to %g HU; %w", p, f.Intercept, float64(maxIntercept), errSliceSkipped)
	}
	if f.Rows < 1 || f.Cols < 1 {
		return nil, false, fmt.Errorf("%s: image of %d×%d pixels", p, f.Cols, f.Rows)
	}
	// Never allocate more than the file can hold.
	bits := integer(ds, tag.BitsAllocated)
	if bits != 8 && bits != 16 && bits != 32 {
		return nil, false, fmt.Errorf("%s: BitsAllocated %d is not 8, 16 or 32 bits a pixel; %w", p, bits, errSliceSkipped)
	}
	if n := integer(ds, tag.SamplesPerPixel); n > 1 {
		return nil, false, fmt.Errorf("%s: %d samples a pixel (a colour image), not a CT slice; %w", p, n, errSliceSkipped)
	}
	if n := frames(ds); n > 1 {
		return nil, false, fmt.Errorf("%s: %d frames in one file (a multi-frame image), not a CT slice; %w", p, n, errSliceSkipped)
	}
	f.BitsAlloc = bits
	// Compressed pixel data may be smaller than its pixels: it is
	// reported by its transfer syntax when the image is read.
	if st, err := os.Stat(p); err == nil && !f.compressed() && int64(f.Rows)*int64(f.Cols)*int64(bits/8) > st.Size() {
		return nil, false, fmt.Errorf("%s: claims %d×%d pixels but the file holds %d bytes", p, f.Cols, f.Rows, st.Size())
	}
	return f, true, nil
}

// Bounds on the rescale of a slice: CT uses a slope of 1 (rarely 0.5 or
// 2) and an intercept of about -1024; far past these the HU overflow.
const (
	maxSlope     = 1e4
	maxIntercept = 1e5
)

// Bounds on pixel spacing, mm: finite and positive, and no pixel wider
// than a whole body.
const maxPixelSpacing = 1000

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkValues refuses a slice whose position, orientation or pixel spacing
// would corrupt the volume's geometry.
func checkValues(f *File, ds dcm.Dataset) error {
	for _, v := range f.Position {
		if !finite(v) {
			return fmt.Errorf("ImagePositionPatient %g\\%g\\%g is not a finite position", f.Position[0], f.Position[1], f.Position[2])
		}
	}
	for _, v := range f.Orientation {
		if !finite(v) || math.Abs(v) > 1.0001 {
			return fmt.Errorf("ImageOrientationPatient %v is not two unit directions", f.Orientation)
		}
	}
	for _, v := range f.Spacing {
		if !finite(v) || v <= 0 || v > maxPixelSpacing {
			return fmt.Errorf("PixelSpacing %g\\%g is not a positive finite size up to %d mm", f.Spacing[0], f.Spacing[1], maxPixelSpacing)
		}
	}
	return nil
}

// frames is NumberOfFrames (an IS string), 1 when absent.
func frames(ds dcm.Dataset) int {
	if v := floats(ds, tag.NumberOfFrames); len(v) == 1 {
		return int(min(v[0], math.MaxInt32))
	}
	return integer(ds, tag.NumberOfFrames)
}

func str(ds dcm.Dataset, t tag.Tag) string {
	e, err := ds.FindElementByTag(t)
	if err != nil {
		return ""
	}
	if v, ok := e.Value.GetValue().([]string); ok && len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

func floats(ds dcm.Dataset, t tag.Tag) []float64 {
	e, err := ds.FindElementByTag(t)
	if err != nil {
		return nil
	}
	switch v := e.Value.GetValue().(type) {
	case []string:
		out := make([]float64, 0, len(v))
		for _, s := range v {
			var x float64
			if _, err := fmt.Sscan(strings.TrimSpace(s), &x); err != nil {
				return nil
			}
			out = append(out, x)
		}
		return out
	case []float64:
		return v
	}
	return nil
}

func integer(ds dcm.Dataset, t tag.Tag) int {
	e, err := ds.FindElementByTag(t)
	if err != nil {
		return 0
	}
	if v, ok := e.Value.GetValue().([]int); ok && len(v) > 0 {
		return v[0]
	}
	return 0
}

// Geometry orders a series' files along the slice normal and returns the
// grid (RAS affine) with warnings about irregular spacing, missing slices
// or gantry tilt. Mixed orientations or image sizes are an error.
func (s *Series) Geometry() (volume.Grid, []*File, []string, error) {
	var g volume.Grid
	fs := append([]*File(nil), s.Files...)
	if len(fs) < 2 {
		return g, nil, nil, fmt.Errorf("series %s: %d slices, at least 2 needed", s.UID, len(fs))
	}
	f0 := fs[0]
	for _, f := range fs[1:] {
		if f.Rows != f0.Rows || f.Cols != f0.Cols {
			return g, nil, nil, fmt.Errorf("series %s: slices of %d×%d and %d×%d pixels (%s)", s.UID, f0.Cols, f0.Rows, f.Cols, f.Rows, filepath.Base(f.Path))
		}
		for i := range f.Orientation {
			if math.Abs(f.Orientation[i]-f0.Orientation[i]) > 1e-4 {
				return g, nil, nil, fmt.Errorf("series %s: mixed orientations (%s)", s.UID, filepath.Base(f.Path))
			}
		}
	}
	r := [3]float64{f0.Orientation[0], f0.Orientation[1], f0.Orientation[2]}
	c := [3]float64{f0.Orientation[3], f0.Orientation[4], f0.Orientation[5]}
	n := [3]float64{r[1]*c[2] - r[2]*c[1], r[2]*c[0] - r[0]*c[2], r[0]*c[1] - r[1]*c[0]}
	proj := func(f *File) float64 { return dot(f.Position, n) }
	sort.SliceStable(fs, func(a, b int) bool { return proj(fs[a]) < proj(fs[b]) })
	var warn []string
	gaps := make([]float64, len(fs)-1)
	for i := range gaps {
		gaps[i] = proj(fs[i+1]) - proj(fs[i])
	}
	sorted := append([]float64(nil), gaps...)
	sort.Float64s(sorted)
	step := sorted[len(sorted)/2]
	if step <= 0 {
		return g, nil, nil, fmt.Errorf("series %s: two slices at the same position", s.UID)
	}
	for i, d := range gaps {
		switch {
		case math.Abs(d-step) <= 0.01*step:
		case math.Abs(d-2*step) <= 0.01*step:
			warn = append(warn, fmt.Sprintf("series %s: a slice is missing between %s and %s", s.UID, filepath.Base(fs[i].Path), filepath.Base(fs[i+1].Path)))
		default:
			warn = append(warn, fmt.Sprintf("series %s: irregular spacing %.3g mm (usually %.3g mm) between %s and %s", s.UID, d, step, filepath.Base(fs[i].Path), filepath.Base(fs[i+1].Path)))
		}
	}
	first, last := fs[0].Position, fs[len(fs)-1].Position
	total := [3]float64{last[0] - first[0], last[1] - first[1], last[2] - first[2]}
	dk := [3]float64{total[0] / float64(len(fs)-1), total[1] / float64(len(fs)-1), total[2] / float64(len(fs)-1)}
	if along := dot(dk, n); math.Sqrt(dot(dk, dk)-along*along) > 0.01*math.Abs(along) {
		warn = append(warn, fmt.Sprintf("series %s: gantry tilt (slices shift sideways by %.3g mm each)", s.UID, math.Sqrt(dot(dk, dk)-along*along)))
	}
	// LPS affine: i along the row direction (columns), j along the column
	// direction (rows), k from slice to slice; then flip x and y for RAS.
	p0 := first
	colSp, rowSp := f0.Spacing[1], f0.Spacing[0]
	lps := volume.Mat4{
		{r[0] * colSp, c[0] * rowSp, dk[0], p0[0]},
		{r[1] * colSp, c[1] * rowSp, dk[1], p0[1]},
		{r[2] * colSp, c[2] * rowSp, dk[2], p0[2]},
		{0, 0, 0, 1},
	}
	for col := 0; col < 4; col++ {
		lps[0][col], lps[1][col] = -lps[0][col], -lps[1][col]
	}
	g = volume.Grid{Dims: [3]int{f0.Cols, f0.Rows, len(fs)}, Spacing: [3]float64{colSp, rowSp, math.Sqrt(dot(dk, dk))}, Affine: lps}
	return g, fs, warn, g.Validate()
}

func dot(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

// ErrCompressed is wrapped when pixel data is encapsulated (compressed).
var ErrCompressed = errors.New("compressed pixel data is not supported")

// compressed reports a transfer syntax other than the three uncompressed
// ones (an empty one is read as uncompressed, as the parser does).
func (f *File) compressed() bool {
	return f.Syntax != "" && f.Syntax != implicitLE && f.Syntax != explicitLE && f.Syntax != explicitBE
}

// syntaxNames names the compressed transfer syntaxes met in CT.
var syntaxNames = map[string]string{
	"1.2.840.10008.1.2.4.50":  "JPEG baseline",
	"1.2.840.10008.1.2.4.51":  "JPEG extended",
	"1.2.840.10008.1.2.4.57":  "JPEG lossless",
	"1.2.840.10008.1.2.4.70":  "JPEG lossless",
	"1.2.840.10008.1.2.4.80":  "JPEG-LS lossless",
	"1.2.840.10008.1.2.4.81":  "JPEG-LS near-lossless",
	"1.2.840.10008.1.2.4.90":  "JPEG 2000 lossless",
	"1.2.840.10008.1.2.4.91":  "JPEG 2000",
	"1.2.840.10008.1.2.4.201": "HTJ2K lossless",
	"1.2.840.10008.1.2.4.203": "HTJ2K",
	"1.2.840.10008.1.2.5":     "RLE lossless",
	"1.2.840.10008.1.2.1.99":  "deflated",
}

// compressedError says which compression a file uses and what to do.
func (f *File) compressedError() error {
	name := syntaxNames[f.Syntax]
	if name == "" {
		name = "compressed or unknown"
	}
	return fmt.Errorf("%s: transfer syntax %s (%s): %w; decompress the series first, for example with gdcmconv --raw or dcmdjpeg",
		f.Path, f.Syntax, name, ErrCompressed)
}

// Image reads a series into an int16 HU image (stored value × slope +
// intercept, with PixelRepresentation and BitsStored honoured), one slice
// at a time into the volume's buffer. progress (may be nil) is told the
// slices done.
//
// A slice whose pixels cannot be read is left out with a warning naming
// its file, and the rest is read again without it (s.Files loses it); the
// series fails only when no two slices can be read, with the first
// slice's error.
func (s *Series) Image(progress func(done, total int)) (*volume.Image, []string, error) {
	var skipped []string
	for {
		im, warn, bad, err := s.image(progress)
		if err == nil || len(bad) == 0 || len(s.Files)-len(bad) < 2 {
			return im, append(aggregate(skipped, "slices could not be read and were left out"), warn...), err
		}
		drop := map[*File]bool{}
		for f, e := range bad {
			drop[f] = true
			skipped = append(skipped, e.Error()+"; the slice is left out")
		}
		var keep []*File
		for _, f := range s.Files {
			if !drop[f] {
				keep = append(keep, f)
			}
		}
		s.Files = keep
	}
}

// image is one attempt of Image; bad maps each slice that could not be read
// to its error when err is about slices.
func (s *Series) image(progress func(done, total int)) (*volume.Image, []string, map[*File]error, error) {
	g, fs, warn, err := s.Geometry()
	if err != nil {
		return nil, warn, nil, err
	}
	im := volume.NewImage(g)
	// Slices are independent: read them on every core, each into its own
	// part of the volume.
	next := make(chan int)
	errs := make([]error, len(fs))
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for k := range next {
				buf, errs[k] = readSlice(fs[k], im.Axial(k), buf)
				mu.Lock()
				done++
				if progress != nil {
					progress(done, len(fs))
				}
				mu.Unlock()
			}
		}()
	}
	for k := range fs {
		next <- k
	}
	close(next)
	wg.Wait()
	var first error
	bad := map[*File]error{}
	for k, err := range errs {
		if err != nil {
			if first == nil {
				first = err
			}
			if !errors.Is(err, ErrCompressed) { // a compressed series fails whole, by its syntax
				bad[fs[k]] = err
			}
		}
	}
	if first != nil {
		return nil, warn, bad, first
	}
	return im, warn, nil, nil
}

// readSlice reads one slice's pixels into dst; buf is a reusable buffer.
func readSlice(f *File, dst []int16, buf []byte) (_ []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: unreadable pixel data (%v)", f.Path, r)
		}
	}()
	if f.compressed() {
		// Compressed or otherwise encoded pixel data: the DICOM library
		// does not decode it.
		return buf, f.compressedError()
	}
	if buf, ok := readRaw(f, buf); ok {
		convertBytes(f, buf, dst)
		return buf, nil
	}
	ds, err := parseFile(f.Path, true)
	if err != nil {
		return buf, fmt.Errorf("%s: %w", f.Path, err)
	}
	e, err := ds.FindElementByTag(tag.PixelData)
	if err != nil {
		return buf, fmt.Errorf("%s: no pixel data", f.Path)
	}
	info, ok := e.Value.GetValue().(dcm.PixelDataInfo)
	if !ok || len(info.Frames) == 0 {
		return buf, fmt.Errorf("%s: no pixel data", f.Path)
	}
	fr := info.Frames[0]
	if info.IsEncapsulated || fr.Encapsulated {
		return buf, f.compressedError()
	}
	return buf, convert(f, fr, dst)
}

// Transfer syntaxes of uncompressed pixel data.
const (
	implicitLE = "1.2.840.10008.1.2"
	explicitLE = "1.2.840.10008.1.2.1"
	explicitBE = "1.2.840.10008.1.2.2"
)

// readRaw reads 16-bit uncompressed pixel data straight from the end of
// the file when PixelData is the file's last element (the usual layout),
// after checking its tag and length there; ok is false otherwise and the
// caller falls back to the full parser.
func readRaw(f *File, buf []byte) ([]byte, bool) {
	if f.BitsAlloc != 16 || (f.Syntax != implicitLE && f.Syntax != explicitLE && f.Syntax != explicitBE) {
		return buf, false
	}
	fh, err := regular.Open(f.Path)
	if err != nil {
		return buf, false
	}
	defer fh.Close()
	st, err := fh.Stat()
	n := int64(f.Rows) * int64(f.Cols) * 2
	if err != nil || st.Size() < n+12 {
		return buf, false
	}
	var hdr [12]byte
	if _, err := fh.ReadAt(hdr[:], st.Size()-n-12); err != nil {
		return buf, false
	}
	le := binary.LittleEndian
	var bo binary.ByteOrder = le
	if f.Syntax == explicitBE {
		bo = binary.BigEndian
	}
	switch f.Syntax {
	case implicitLE: // tag, 4-byte length
		if le.Uint16(hdr[4:]) != 0x7fe0 || le.Uint16(hdr[6:]) != 0x0010 || int64(le.Uint32(hdr[8:])) != n {
			return buf, false
		}
	default: // tag, "OW" or "OB", 2 reserved bytes, 4-byte length
		if bo.Uint16(hdr[0:]) != 0x7fe0 || bo.Uint16(hdr[2:]) != 0x0010 || (string(hdr[4:6]) != "OW" && string(hdr[4:6]) != "OB") || int64(bo.Uint32(hdr[8:])) != n {
			return buf, false
		}
	}
	if int64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := fh.ReadAt(buf, st.Size()-n); err != nil {
		return buf, false
	}
	if f.Syntax == explicitBE {
		for i := 0; i+1 < len(buf); i += 2 {
			buf[i], buf[i+1] = buf[i+1], buf[i]
		}
	}
	return buf, true
}

// convertBytes is convert for little-endian 16-bit stored values.
func convertBytes(f *File, b []byte, dst []int16) {
	bits := f.BitsStored
	if bits <= 0 || bits > 16 {
		bits = 16
	}
	mask := (1 << bits) - 1
	sign := 1 << (bits - 1)
	whole := f.Slope == 1 && f.Intercept == math.Trunc(f.Intercept)
	inter := int(f.Intercept)
	for i := range dst {
		x := int(binary.LittleEndian.Uint16(b[2*i:])) & mask
		if f.Signed && x&sign != 0 {
			x -= 1 << bits
		}
		var v int
		if whole {
			v = x + inter
		} else {
			v = int(math.Round(float64(x)*f.Slope + f.Intercept))
		}
		dst[i] = int16(max(math.MinInt16, min(math.MaxInt16, v)))
	}
}

// convert applies BitsStored, PixelRepresentation, slope and intercept.
func convert(f *File, fr *frame.Frame, dst []int16) error {
	var raw []int
	switch v := fr.NativeData.RawDataSlice().(type) {
	case []uint16:
		raw = make([]int, len(v))
		for i, x := range v {
			raw[i] = int(x)
		}
	case []uint8:
		raw = make([]int, len(v))
		for i, x := range v {
			raw[i] = int(x)
		}
	case []uint32:
		raw = make([]int, len(v))
		for i, x := range v {
			raw[i] = int(x)
		}
	case []int:
		raw = v
	default:
		return fmt.Errorf("%s: unsupported pixel storage", f.Path)
	}
	if len(raw) != len(dst) {
		return fmt.Errorf("%s: %d pixels, expected %d", f.Path, len(raw), len(dst))
	}
	bits := f.BitsStored
	if bits <= 0 || bits > 32 {
		bits = 16
	}
	mask := (1 << bits) - 1
	for i, x := range raw {
		x &= mask
		if f.Signed && x&(1<<(bits-1)) != 0 {
			x -= 1 << bits
		}
		hu := math.Round(float64(x)*f.Slope + f.Intercept)
		dst[i] = int16(math.Max(math.MinInt16, math.Min(math.MaxInt16, hu)))
	}
	return nil
}

// Summary describes a series for a picker: "CT · chest · 300 slices ·
// 512×512".
func (s *Series) Summary() string {
	d := s.Description
	if d == "" {
		d = "no description"
	}
	size := ""
	if len(s.Files) > 0 {
		size = fmt.Sprintf(" · %d×%d", s.Files[0].Cols, s.Files[0].Rows)
	}
	return fmt.Sprintf("%s · %s · %d slices%s", s.Modality, d, len(s.Files), size)
}
