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
	"strings"

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
	l3 := fs.Int("l3", -1, "the L3 slice k")
	vert := fs.String("vertebrae", "", "BOA's vertebrae.json, for the L3 slice")
	height := fs.Float64("height", 0, "patient height in metres")
	force := fs.Bool("force", false, "overwrite existing files")
	valued := map[string]bool{}
	for _, f := range []string{"definitions", "l3", "vertebrae", "height"} {
		valued["-"+f], valued["--"+f] = true, true
	}
	src, rest := splitFirstOf(args, valued)
	out, rest := splitFirstOf(rest, valued)
	if err := fs.Parse(rest); err != nil || src == "" || out == "" || fs.NArg() > 0 || (*l3 >= 0 && *vert != "") {
		fmt.Fprintln(env.Stderr, exportBCAUsage)
		return 2
	}
	fail := func(err error) int { fmt.Fprintf(env.Stderr, "saros-review export-bca: %v\n", err); return 2 }
	defs, err := bodycomp.ParseDefinitions(*defName)
	if err != nil {
		return fail(err)
	}
	c, err := openOneCase(src)
	if err != nil {
		return fail(err)
	}
	for _, f := range []string{BCAJSONFile, BCAXLSXFile} {
		if _, err := os.Stat(filepath.Join(out, f)); err == nil && !*force {
			return fail(fmt.Errorf("%s exists; give --force to replace it", filepath.Join(out, f)))
		}
	}
	l, err := c.Load(nil)
	if err != nil {
		return fail(err)
	}
	if l.Regions == nil {
		return fail(fmt.Errorf("%s: no body-regions map to measure", c.Dir))
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
	if *l3 >= 0 || vertebrae != nil {
		k, source := *l3, "given"
		if vertebrae != nil {
			if k, err = bodycomp.L3Slice(l.Image.Grid, sl, vertebrae); err != nil {
				return fail(err)
			}
			source = *vert
		}
		h, hsrc := *height, "given"
		if h <= 0 {
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
	} else if *height > 0 {
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
// DICOM import kept; 0 when there is none.
func patientSize(dir string) (float64, string, error) {
	tags, err := store.ReadDICOMTags(dir)
	if err != nil {
		return 0, "", err
	}
	for _, t := range tags {
		if t.Tag == "(0010,1020)" {
			v, err := strconv.ParseFloat(strings.TrimSpace(t.Value), 64)
			if err != nil || v <= 0 {
				return 0, "", nil
			}
			return v, "PatientSize", nil
		}
	}
	return 0, "", nil
}
