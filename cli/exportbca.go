package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/store"
)

const exportBCAUsage = "usage: saros-review export-bca CASE OUT_DIR [--definitions boa|saros] [--l3 K | --vertebrae vertebrae.json] [--height M] [--force]"

// BCAFiles are the files export-bca writes, named as BOA names its JSON.
const (
	BCAJSONFile = "bca-measurements.json"
	BCAXLSXFile = "bca-measurements.xlsx"
)

// runExportBCA writes a case's body composition with BOA's measure names
// as JSON and as an Excel workbook, with the L3 figures when asked.
func runExportBCA(env Env, args []string) int {
	fs := flag.NewFlagSet("export-bca", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	defName := fs.String("definitions", "boa", "tissue definitions: boa or saros")
	l3 := fs.Int("l3", -1, "the L3 slice k (an annotated slice)")
	vert := fs.String("vertebrae", "", "BOA's vertebrae.json, for the L3 slice")
	height := fs.Float64("height", 0, "patient height in metres")
	force := fs.Bool("force", false, "overwrite existing files")
	valued := map[string]bool{}
	for _, f := range []string{"definitions", "l3", "vertebrae", "height"} {
		valued["-"+f], valued["--"+f] = true, true
	}
	src, rest := splitFirstOf(args, valued)
	out, rest := splitFirstOf(rest, valued)
	err := fs.Parse(rest)
	if p := argProblem(err, fs.Args(), missingArg([]string{"CASE", "OUT_DIR"}, src, out)); p != "" {
		return usageFail(env, "export-bca", p, exportBCAUsage)
	}
	if *l3 != -1 && *vert != "" {
		return usageFail(env, "export-bca", "give --l3 or --vertebrae, not both", exportBCAUsage)
	}
	fail := func(err error) int { fmt.Fprintf(env.Stderr, "saros-review export-bca: %v\n", err); return 2 }
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["height"] {
		if err := bodycomp.CheckHeight(*height, "--height "+strconv.FormatFloat(*height, 'g', -1, 64)); err != nil {
			return fail(err)
		}
	}
	defs, err := bodycomp.ParseDefinitions(*defName)
	if err != nil {
		return fail(err)
	}
	c, err := openOneCase(src)
	if err != nil {
		return fail(err)
	}
	for _, f := range []string{BCAJSONFile, BCAXLSXFile} {
		if err := mayReplace(filepath.Join(out, f), *force); err != nil {
			return fail(err)
		}
	}
	l, err := c.Load(nil)
	if err != nil {
		return fail(err)
	}
	if l.Regions == nil {
		return fail(fmt.Errorf("%s: no body-regions map to measure%s", c.Dir, whyNoFile(c.Dir, store.RegionsFile)))
	}
	if set["l3"] && (*l3 < 0 || *l3 >= l.Image.Dims[2]) {
		return fail(fmt.Errorf("--l3 %d: %s has axial slices 0 to %d", *l3, c.ID, l.Image.Dims[2]-1))
	}
	sl, err := bodycomp.MeasureWith(l.Image, l.Regions, l.Parts, defs)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", c.Dir, err))
	}
	var vertebrae map[string][2]int
	if *vert != "" {
		if vertebrae, err = bodycomp.ReadVertebrae(*vert); err != nil {
			return fail(err)
		}
	}
	r, err := bodycomp.NewBOAReport(l.Image.Grid, sl, defs, vertebrae)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", c.Dir, err))
	}
	r.SarosReview.Warnings = bodycomp.MeasureWarnings(l.Regions, l.Parts)
	for _, w := range r.SarosReview.Warnings {
		fmt.Fprintf(env.Stderr, "saros-review export-bca: warning: %s: %s\n", c.ID, w)
	}
	if set["l3"] || vertebrae != nil {
		k, source := *l3, "given"
		if vertebrae != nil {
			if k, err = bodycomp.L3Slice(l.Image.Grid, sl, vertebrae); err != nil {
				return fail(err)
			}
			source = *vert
		}
		h, hsrc := *height, "given"
		if !set["height"] {
			h, hsrc, err = patientSize(c.Dir)
			if err != nil {
				return fail(err)
			}
		}
		r.SarosReview.L3, err = bodycomp.AtL3(l.Image.Grid, sl, k, h, hsrc)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", c.ID, err))
		}
		r.SarosReview.L3.Source = source
		if h <= 0 {
			fmt.Fprintf(env.Stderr, "saros-review export-bca: %s: no height (no PatientSize, no --height): SMI left out\n", c.ID)
		}
	} else if set["height"] {
		return fail(fmt.Errorf("--height without --l3 or --vertebrae: the height is only used for the SMI at L3"))
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fail(err)
	}
	var js bytes.Buffer
	e := json.NewEncoder(&js)
	e.SetIndent("", "  ")
	if err := e.Encode(r); err != nil {
		return fail(err)
	}
	if err := store.WriteFileAtomic(filepath.Join(out, BCAJSONFile), func(w io.Writer) error { _, err := w.Write(js.Bytes()); return err }); err != nil {
		return fail(err)
	}
	if err := store.WriteFileAtomic(filepath.Join(out, BCAXLSXFile), func(w io.Writer) error { return bodycomp.WriteXLSX(w, c.ID, r) }); err != nil {
		return fail(err)
	}
	fmt.Fprintf(env.Stdout, "%s: %s and %s (%s definitions, %d annotated slices)\n", c.ID,
		filepath.Join(out, BCAJSONFile), filepath.Join(out, BCAXLSXFile), defs, len(sl))
	return 0
}

// patientSize returns DICOM PatientSize (0010,1020), metres, from the tags a
// DICOM import kept; 0 when there is none (absent, empty or 0, as scanners
// write for unknown). A value that is not a height in metres is an error
// naming it.
func patientSize(dir string) (float64, string, error) {
	tags, err := store.ReadDICOMTags(dir)
	if err != nil {
		return 0, "", err
	}
	v, err := bodycomp.PatientHeight(tags, store.DICOMTagsFile)
	switch {
	case err != nil:
		return 0, "", fmt.Errorf("%w; give --height", err)
	case v == 0:
		return 0, "", nil
	}
	return v, "PatientSize", nil
}
