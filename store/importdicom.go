package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/saros-review/saros-review/internal/regular"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/dicom"
	"github.com/saros-review/saros-review/volume/nifti"
)

// ImportDICOM is ImportDICOMTo with Replace unset: it never replaces a
// case's files.
func ImportDICOM(s *dicom.Series, dst string, resample float64, keepOriginal bool, progress func(done, total int)) (*volume.Image, []string, error) {
	return ImportDICOMTo(s, dst, ImportOptions{Resample: resample, KeepOriginal: keepOriginal}, progress)
}

// ImportOptions are the choices of an import.
type ImportOptions struct {
	// Resample > 0 resamples to slices this many mm apart (SAROS: 5);
	// KeepOriginal then also writes image_original.nii.gz.
	Resample     float64
	KeepOriginal bool
	// Replace allows importing into a case that already has an image or
	// label maps: the files replaced are kept in the case history
	// (HistoryDir/<time>/) as a save keeps them, label maps that fit the
	// new image are kept, and the case's CSV row is updated.
	Replace bool
	// KeepIdentifiers keeps every header tag of dicom-tags.json as it is
	// (patient name, id, dates, UIDs…) instead of de-identifying them
	// (DeidentifyTags).
	KeepIdentifiers bool
}

// ErrCaseExists is wrapped by the error of an import into a case that
// already has an image or label maps, without ImportOptions.Replace.
var ErrCaseExists = errors.New("the case already has files an import would replace")

// ImportDICOMTo writes a DICOM series into case folder dst: image.nii.gz
// (int16), resampled when opt.Resample > 0, empty sparse label maps, and
// the header tags of the series' first slice as dicom-tags.json,
// de-identified unless opt.KeepIdentifiers (see DeidentifyTags). A new
// case is built in a temporary folder beside dst and renamed into place
// whole, so a crash never leaves half a case. A case that already has an
// image or label maps is refused (ErrCaseExists, nothing written) unless
// opt.Replace. When dst is a case folder of a data set with a CSV, the
// case gets its row (AddCSVRow, or SetCSVRow when replacing) with the
// series UID, orientation and sex. It returns the image and the series'
// warnings.
func ImportDICOMTo(s *dicom.Series, dst string, opt ImportOptions, progress func(done, total int)) (*volume.Image, []string, error) {
	if opt.Resample != 0 {
		if err := CheckResample(opt.Resample); err != nil {
			return nil, nil, err
		}
	}
	if err := checkCaseTarget(dst); err != nil {
		return nil, nil, fmt.Errorf("import into %s: %w; nothing was written", dst, err)
	}
	fresh, have, err := caseState(dst)
	if err != nil {
		return nil, nil, fmt.Errorf("import into %s: %w", dst, err)
	}
	if len(have) > 0 && !opt.Replace {
		return nil, nil, fmt.Errorf("import into %s: %w (%s); nothing was written", dst, ErrCaseExists, strings.Join(have, ", "))
	}
	if err := checkSeriesSize(s); err != nil {
		return nil, nil, fmt.Errorf("import into %s: %w; nothing was written", dst, err)
	}
	im, warn, err := s.Image(progress)
	if err != nil {
		return nil, warn, err
	}
	if opt.Resample > 0 {
		if err := checkResampledSize(im, opt.Resample); err != nil {
			return nil, warn, err
		}
	}
	dir, keep := dst, func(string) string { return "" }
	if fresh {
		if dir, err = buildDir(dst); err != nil {
			return nil, warn, fmt.Errorf("import into %s: %w", dst, err)
		}
		defer os.RemoveAll(dir) // gone after placeDir; removes a failed build
	} else {
		cleanStale(filepath.Dir(filepath.Clean(dst))) // a killed import's build folder
		rev := filepath.Join(dst, filepath.FromSlash(HistoryDir), time.Now().UTC().Format("20060102T150405.000000000Z"))
		keep = func(name string) string { return filepath.Join(rev, name) }
	}
	write := func(name string, f func(io.Writer) error) error {
		return writeAtomic(filepath.Join(dir, name), keep(name), f)
	}
	if opt.Resample > 0 {
		if opt.KeepOriginal {
			orig := im
			if err := write(ImageOriginalFile, func(w io.Writer) error { return nifti.WriteImage(w, orig, nil) }); err != nil {
				return nil, warn, err
			}
		}
		im = volume.ResampleSlices(im, opt.Resample)
	}
	if err := write(ImageFile, func(w io.Writer) error { return nifti.WriteImage(w, im, nil) }); err != nil {
		return nil, warn, err
	}
	for _, name := range []string{RegionsFile, PartsFile} {
		if h, err := nifti.ReadHeader(filepath.Join(dir, name)); err == nil && im.SameAs(h.Grid(), volume.DefaultTolerance) == nil {
			continue // an annotator's map that still fits the image
		}
		m := volume.SparseLabels(im.Grid)
		if err := write(name, func(w io.Writer) error { return nifti.WriteLabels(w, m, nil) }); err != nil {
			return nil, warn, err
		}
	}
	row := map[string]string{"tcia_series_instance_uid": s.UID, "orientation_code": im.AxCodes()}
	if _, ordered, _, err := s.Geometry(); err == nil && len(ordered) > 0 {
		tags, err := dicom.Tags(ordered[0].Path) // the lowest slice's header
		for _, t := range tags {
			if t.Tag == "(0010,0040)" { // PatientSex
				row["sex"] = t.Value
			}
		}
		if err == nil { // de-identified unless KeepIdentifiers (deidentify.go)
			var d Deidentification
			tags, d = deidentifyImport(tags, opt.KeepIdentifiers)
			if err := write(DeidentificationFile, func(w io.Writer) error {
				e := json.NewEncoder(w)
				e.SetIndent("", " ")
				return e.Encode(d)
			}); err != nil {
				return nil, warn, err
			}
		}
		if err != nil {
			warn = append(warn, "DICOM tags not kept: "+err.Error())
		} else if err := write(DICOMTagsFile, func(w io.Writer) error {
			e := json.NewEncoder(w)
			e.SetIndent("", " ")
			return e.Encode(tags)
		}); err != nil {
			return nil, warn, err
		}
	}
	addRow := AddCSVRow
	if fresh {
		if err := placeDir(dir, dst); err != nil {
			return nil, warn, fmt.Errorf("import into %s: %w", dst, err)
		}
	} else {
		addRow = SetCSVRow
	}
	if _, err := addRow(dst, row); err != nil {
		warn = append(warn, "the case was imported but its row in the data set's CSV is not up to date: "+err.Error())
	}
	return im, warn, nil
}

// checkSeriesSize refuses a series whose image would pass the cap on
// voxels per image ($SAROS_MAX_VOXELS) or the memory one image may take,
// before its pixels are read.
func checkSeriesSize(s *dicom.Series) error {
	if len(s.Files) == 0 {
		return nil
	}
	f := s.Files[0]
	n := int64(f.Rows) * int64(f.Cols) * int64(len(s.Files))
	capv, err := nifti.MaxVoxels()
	if err != nil {
		return err
	}
	dims := fmt.Sprintf("%d×%d×%d", f.Cols, f.Rows, len(s.Files))
	if n > capv {
		return fmt.Errorf("series %s is %s = %d voxels, more than the cap of %d voxels per image (set %s to raise it)", s.UID, dims, n, capv, nifti.MaxVoxelsEnv)
	}
	return nifti.CheckImageBytes(fmt.Sprintf("series %s of %s int16 voxels", s.UID, dims), 2*n)
}

// checkCaseTarget refuses an import into a data set folder itself, and
// into a folder of a data set whose name is not a case name the data set
// shows (case_ and three or more digits, without extra leading zeros, so
// case_7 and case_0007 cannot both be case 7).
func checkCaseTarget(dst string) error {
	clean := filepath.Clean(dst)
	if entries, err := os.ReadDir(clean); err == nil && isDataset(clean, entries) {
		return fmt.Errorf("it is a data set folder (it holds case folders or a Segmentation Info CSV); import into a new case folder inside it, such as %s", NextCaseDir(clean))
	}
	parent := filepath.Dir(clean)
	entries, err := os.ReadDir(parent)
	if err != nil || !isDataset(parent, entries) {
		return nil
	}
	name := filepath.Base(clean)
	n, err := strconv.Atoi(strings.TrimPrefix(name, "case_"))
	if !caseDirRE.MatchString(name) || err != nil || fmt.Sprintf("case_%03d", n) != name {
		return fmt.Errorf("%s is inside a data set, where case folders are named case_ and three digits (case_000, case_012…); the data set would not show %s. Use %s", name, name, NextCaseDir(parent))
	}
	for _, e := range entries {
		if other := e.Name(); other != name && caseDirRE.MatchString(other) {
			if m, err := strconv.Atoi(strings.TrimPrefix(other, "case_")); err == nil && m == n {
				return fmt.Errorf("the data set already has case %d as %s", n, other)
			}
		}
	}
	return nil
}

// DatasetOf returns the data set folder that case folder dir belongs to:
// its parent, when dir is named case_NNN and the parent is a data set
// (case folders or a Segmentation Info CSV); "" otherwise.
func DatasetOf(dir string) string {
	clean := filepath.Clean(dir)
	if abs, err := filepath.Abs(clean); err == nil {
		clean = abs
	}
	if !caseDirRE.MatchString(filepath.Base(clean)) {
		return ""
	}
	parent := filepath.Dir(clean)
	entries, err := os.ReadDir(parent)
	if err != nil || !isDataset(parent, entries) {
		return ""
	}
	return parent
}

// isDataset reports whether a folder is a data set: it has case_NNN
// folders or a Segmentation Info CSV.
func isDataset(dir string, entries []os.DirEntry) bool {
	if findCSV(dir, entries) != "" {
		return true
	}
	for _, e := range entries {
		if caseDirRE.MatchString(e.Name()) && isDir(dir, e) {
			return true
		}
	}
	return false
}

// caseState tells whether dst is a new case (missing, or an empty folder)
// and which of the case files an import writes it already has.
func caseState(dst string) (fresh bool, have []string, err error) {
	entries, err := os.ReadDir(dst)
	if os.IsNotExist(err) {
		return true, nil, nil
	}
	if err != nil {
		return false, nil, err
	}
	for _, name := range []string{ImageFile, ImageOriginalFile, RegionsFile, PartsFile} {
		if _, err := os.Lstat(filepath.Join(dst, name)); err == nil {
			have = append(have, name)
		}
	}
	return len(entries) == 0, have, nil
}

// Bounds on the slice distance import-dicom resamples to, in mm (SAROS
// uses 5). Thinner than a tenth of a millimetre is finer than any CT
// reconstructs; thicker than 50 mm leaves too few slices to annotate.
const (
	MinResampleMM = 0.1
	MaxResampleMM = 50.0
)

// CheckResample returns an error in a user's words unless mm is a finite
// slice distance between MinResampleMM and MaxResampleMM.
func CheckResample(mm float64) error {
	if math.IsNaN(mm) || math.IsInf(mm, 0) || mm < MinResampleMM || mm > MaxResampleMM {
		return fmt.Errorf("--resample %g mm is out of range: use a slice distance from %g to %g mm (SAROS uses 5)", mm, MinResampleMM, MaxResampleMM)
	}
	return nil
}

// checkResampledSize refuses a resampling whose volume would pass the cap
// on voxels per image, before it is allocated.
func checkResampledSize(im *volume.Image, mm float64) error {
	m := max(1, math.Round(float64(im.Dims[2])*im.Spacing[2]/mm))
	n := m * float64(im.Dims[0]) * float64(im.Dims[1])
	capv, err := nifti.MaxVoxels()
	if err != nil {
		return err
	}
	if n > float64(capv) {
		return fmt.Errorf("resampling to %g mm gives %d×%d×%.0f = %.0f voxels, more than the cap of %d voxels per image (set %s to raise it)",
			mm, im.Dims[0], im.Dims[1], m, n, capv, nifti.MaxVoxelsEnv)
	}
	return nil
}

// ReadDICOMTags returns the DICOM header tags kept in case folder dir when
// it was imported; none (and no error) for cases not made from DICOM.
func ReadDICOMTags(dir string) ([]dicom.Tag, error) {
	b, err := regular.ReadFile(filepath.Join(dir, DICOMTagsFile), maxSidecarBytes)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read DICOM tags: %w", err)
	}
	var tags []dicom.Tag
	if err := json.Unmarshal(b, &tags); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, DICOMTagsFile), err)
	}
	return tags, nil
}

// NextCaseDir returns the first case_NNN folder name not used in a data
// set folder.
func NextCaseDir(root string) string {
	for n := 0; ; n++ {
		p := filepath.Join(root, fmt.Sprintf("case_%03d", n))
		if _, err := os.Stat(p); os.IsNotExist(err) {
			return p
		}
	}
}
