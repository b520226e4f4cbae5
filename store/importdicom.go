package store

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/dicom"
	"github.com/saros-review/saros-review/volume/nifti"
)

// ImportDICOM writes a DICOM series into case folder dst: image.nii.gz
// (int16), resampled to slices resample mm apart when resample > 0 (with
// image_original.nii.gz kept when keepOriginal), and empty sparse label
// maps unless maps fitting the image are already there, and the header
// tags of the series' first slice as dicom-tags.json, de-identified unless
// KeepIdentifiers is given (see DeidentifyTags). When dst is a case
// folder of a data set with a CSV, the case gets its row (AddCSVRow) with
// the series UID, orientation and sex. It returns the image and the
// series' warnings.
func ImportDICOM(s *dicom.Series, dst string, resample float64, keepOriginal bool, progress func(done, total int), opts ...ImportOption) (*volume.Image, []string, error) {
	im, warn, err := s.Image(progress)
	if err != nil {
		return nil, warn, err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return nil, warn, fmt.Errorf("import into %s: %w", dst, err)
	}
	write := func(name string, f func(io.Writer) error) error {
		return WriteFileAtomic(filepath.Join(dst, name), f)
	}
	if resample > 0 {
		if keepOriginal {
			orig := im
			if err := write(ImageOriginalFile, func(w io.Writer) error { return nifti.WriteImage(w, orig, nil) }); err != nil {
				return nil, warn, err
			}
		}
		im = volume.ResampleSlices(im, resample)
	}
	if err := write(ImageFile, func(w io.Writer) error { return nifti.WriteImage(w, im, nil) }); err != nil {
		return nil, warn, err
	}
	for _, name := range []string{RegionsFile, PartsFile} {
		if h, err := nifti.ReadHeader(filepath.Join(dst, name)); err == nil && im.SameAs(h.Grid(), volume.DefaultTolerance) == nil {
			continue
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
			if tags, err = deidentifyImport(dst, tags, row, opts); err != nil {
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
	if _, err := AddCSVRow(dst, row); err != nil {
		warn = append(warn, "the case was imported but has no row in the data set's CSV: "+err.Error())
	}
	return im, warn, nil
}

// ReadDICOMTags returns the DICOM header tags kept in case folder dir when
// it was imported; none (and no error) for cases not made from DICOM.
func ReadDICOMTags(dir string) ([]dicom.Tag, error) {
	b, err := os.ReadFile(filepath.Join(dir, DICOMTagsFile))
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
