package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/dicom"
	"github.com/saros-review/saros-review/volume/nifti"
)

func runImportDICOM(env Env, args []string) int {
	fs := flag.NewFlagSet("import-dicom", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	seriesUID := fs.String("series", "", "SeriesInstanceUID (default: the largest CT series)")
	resample := fs.Float64("resample", 0, "resample to slices this many mm apart (SAROS: 5)")
	keep := fs.Bool("keep-original", false, "also write image_original.nii.gz when resampling")
	var pos []string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			fmt.Fprintln(env.Stderr, "usage: saros-review import-dicom SRC CASE_DIR [--series UID] [--resample 5] [--keep-original]")
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(pos) != 2 {
		fmt.Fprintln(env.Stderr, "usage: saros-review import-dicom SRC CASE_DIR [--series UID] [--resample 5] [--keep-original]")
		return 2
	}
	src, dst := pos[0], pos[1]
	all, skipped, warn, err := dicom.Scan(src)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review import-dicom: %v\n", err)
		return 2
	}
	for _, w := range warn {
		fmt.Fprintln(env.Stderr, "warning:", w)
	}
	var s *dicom.Series
	for _, x := range all {
		if *seriesUID == "" || x.UID == *seriesUID {
			s = x
			break
		}
	}
	if s == nil {
		fmt.Fprintf(env.Stderr, "saros-review import-dicom: %s: no DICOM image series found (%d other files skipped)\n", src, skipped)
		return 2
	}
	im, warn, err := s.Image(nil)
	for _, w := range warn {
		fmt.Fprintln(env.Stderr, "warning:", w)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review import-dicom: %v\n", err)
		return 2
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review import-dicom: %v\n", err)
		return 2
	}
	write := func(name string, f func(io.Writer) error) error {
		return store.WriteFileAtomic(filepath.Join(dst, name), f)
	}
	if *resample > 0 {
		if *keep {
			if err := write(store.ImageOriginalFile, func(w io.Writer) error { return nifti.WriteImage(w, im, nil) }); err != nil {
				fmt.Fprintf(env.Stderr, "saros-review import-dicom: %v\n", err)
				return 2
			}
		}
		im = volume.ResampleSlices(im, *resample)
	}
	if err := write(store.ImageFile, func(w io.Writer) error { return nifti.WriteImage(w, im, nil) }); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review import-dicom: %v\n", err)
		return 2
	}
	// Label maps: keep existing ones that fit, else new empty sparse maps.
	for _, name := range []string{store.RegionsFile, store.PartsFile} {
		p := filepath.Join(dst, name)
		if h, err := nifti.ReadHeader(p); err == nil && im.SameAs(h.Grid(), volume.DefaultTolerance) == nil {
			continue
		}
		m := volume.SparseLabels(im.Grid)
		if err := write(name, func(w io.Writer) error { return nifti.WriteLabels(w, m, nil) }); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review import-dicom: %v\n", err)
			return 2
		}
	}
	fmt.Fprintf(env.Stdout, "imported series %s (%s, %d slices) into %s as %s, %s\n", s.UID, s.Modality, len(s.Files), dst,
		volume.FormatDims(im.Dims), im.AxCodes())
	return 0
}
