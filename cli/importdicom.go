package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/dicom"
)

func runImportDICOM(env Env, args []string) int {
	fs := flag.NewFlagSet("import-dicom", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	seriesUID := fs.String("series", "", "SeriesInstanceUID (default: the largest CT series)")
	resample := fs.Float64("resample", 0, "resample to slices this many mm apart (SAROS: 5)")
	keep := fs.Bool("keep-original", false, "also write image_original.nii.gz when resampling")
	replace := fs.Bool("replace", false, "import into a case that has an image or label maps, keeping the replaced files in its history")
	keepIDs := fs.Bool("keep-identifiers", false, "keep patient name, id, dates, UIDs… in the stored tags (default: de-identified)")
	var pos []string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review import-dicom: %s\n", flagProblem(err))
			fmt.Fprintln(env.Stderr, "usage: saros-review import-dicom SRC CASE_DIR [--series UID] [--resample 5] [--keep-original] [--replace] [--keep-identifiers]")
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(pos) != 2 {
		fmt.Fprintln(env.Stderr, "usage: saros-review import-dicom SRC CASE_DIR [--series UID] [--resample 5] [--keep-original] [--replace] [--keep-identifiers]")
		return 2
	}
	src, dst := pos[0], pos[1]
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "resample" })
	if set {
		if err := store.CheckResample(*resample); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review import-dicom: %v\n", err)
			return 2
		}
	}
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
	im, warn, err := store.ImportDICOMTo(s, dst, store.ImportOptions{Resample: *resample, KeepOriginal: *keep, Replace: *replace, KeepIdentifiers: *keepIDs}, nil)
	for _, w := range warn {
		fmt.Fprintln(env.Stderr, "warning:", w)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review import-dicom: %v\n", err)
		if errors.Is(err, store.ErrCaseExists) {
			fmt.Fprintln(env.Stderr, "  add --replace to import anyway: the replaced files are kept in the case's "+store.HistoryDir+" folder")
		}
		return 2
	}
	fmt.Fprintf(env.Stdout, "imported series %s (%s, %d slices) into %s as %s, %s\n", s.UID, s.Modality, len(s.Files), dst,
		volume.FormatDims(im.Dims), im.AxCodes())
	return 0
}
