package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/saros-review/saros-review/dicomseg"
	"github.com/saros-review/saros-review/internal/regular"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/dicom"
)

const exportSEGUsage = "usage: saros-review export-seg CASE OUT_DIR [--map regions|parts|both] [--force]"

// openOneCase opens a case folder for a command.
func openOneCase(path string) (*store.Case, error) {
	ds, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	if ds.Kind != store.CaseFolder || len(ds.Cases) != 1 {
		return nil, fmt.Errorf("%s: not a case folder", path)
	}
	return ds.Cases[0], nil
}

// loadWithTags opens the case folder at path, loads it and reads the
// DICOM tags kept beside it (none when it did not come from DICOM).
func loadWithTags(path string) (*store.Case, *store.Loaded, []dicom.Tag, error) {
	c, err := openOneCase(path)
	if err != nil {
		return nil, nil, nil, err
	}
	l, err := c.Load(nil)
	if err != nil {
		return nil, nil, nil, err
	}
	tags, err := store.ReadDICOMTags(c.Dir)
	return c, l, tags, err
}

// runExportSEG writes a case's label maps as DICOM Segmentation files.
func runExportSEG(env Env, args []string) int {
	fs := flag.NewFlagSet("export-seg", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	which := fs.String("map", "both", "regions, parts or both")
	force := fs.Bool("force", false, "overwrite existing SEG files")
	valued := map[string]bool{"--map": true, "-map": true}
	src, rest := splitFirstOf(args, valued)
	out, rest := splitFirstOf(rest, valued)
	err := fs.Parse(rest)
	if p := argProblem(err, fs.Args(), missingArg([]string{"CASE", "OUT_DIR"}, src, out)); p != "" {
		return usageFail(env, "export-seg", p, exportSEGUsage)
	}
	if p := oneOf("map", *which, "regions", "parts", "both"); p != "" {
		return usageFail(env, "export-seg", p, exportSEGUsage)
	}
	fail := func(err error) int { fmt.Fprintf(env.Stderr, "saros-review export-seg: %v\n", err); return 2 }
	c, l, tags, err := loadWithTags(src)
	if err != nil {
		return fail(err)
	}
	ref := dicomseg.ReferenceFromTags(tags)
	if len(tags) == 0 {
		// Not from DICOM: a new study, shared by both maps' series.
		ref.PatientID, ref.PatientName = c.ID, c.ID
		ref.StudyInstanceUID, ref.FrameOfReferenceUID = dicomseg.NewUID(), dicomseg.NewUID()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fail(err)
	}
	type job struct {
		name string
		m    *volume.LabelMap
		num  int
	}
	var jobs []job
	for _, j := range []job{{"regions", l.Regions, 301}, {"parts", l.Parts, 302}} {
		if *which == "both" || *which == j.name {
			if j.m == nil {
				file := store.RegionsFile
				if j.name == "parts" {
					file = store.PartsFile
				}
				return fail(fmt.Errorf("%s has no %s map%s", c.ID, j.name, whyNoFile(c.Dir, file)))
			}
			jobs = append(jobs, j)
		}
	}
	for _, j := range jobs {
		p := filepath.Join(out, c.ID+"-"+j.name+".dcm")
		if err := mayReplace(p, *force); err != nil {
			return fail(err)
		}
		var b bytes.Buffer
		w, err := dicomseg.Write(&b, j.m, j.name, ref, dicomseg.Series{Number: j.num, Version: env.Version})
		if err != nil {
			return fail(fmt.Errorf("%s: %w", c.ID, err))
		}
		if err := store.WriteFileAtomic(p, func(wr io.Writer) error { _, err := wr.Write(b.Bytes()); return err }); err != nil {
			return fail(err)
		}
		fmt.Fprintf(env.Stdout, "%s: %d segments, %d frames, series %s\n", p, w.Segments, w.Frames, w.SeriesInstanceUID)
	}
	return 0
}

// whyNoFile says, after a colon, what stands at dir/name when the case
// has no usable file there (a folder, a link to nothing, a link loop, a
// pipe); "" when nothing does.
func whyNoFile(dir, name string) string {
	p := filepath.Join(dir, name)
	if _, err := os.Lstat(p); err != nil {
		return ""
	}
	err := regular.Check(p)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, os.ErrNotExist):
		return ": " + p + " is a symbolic link to nothing"
	}
	return ": " + err.Error()
}

// mayReplace refuses an output file that exists unless force, and one
// that is a symbolic link (the atomic write would replace the file it
// points to, elsewhere), a folder or a special file even with force.
func mayReplace(p string, force bool) error {
	st, err := os.Lstat(p)
	switch {
	case err != nil:
		return nil
	case st.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link: an export does not write through it; remove it or give another OUT_DIR", p)
	case st.IsDir():
		return fmt.Errorf("%s is a folder: remove it or give another OUT_DIR", p)
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s is a named pipe or other special file, not a file: remove it or give another OUT_DIR", p)
	case !force:
		return fmt.Errorf("%s exists; give --force to replace it", p)
	}
	return nil
}

const importSEGUsage = "usage: saros-review import-seg SEG CASE [--replace] [--other-patient] [--other-slices]   (SEG: a file or a folder of SEG files)"

// runImportSEG reads DICOM Segmentation files into a case's label maps.
func runImportSEG(env Env, args []string) int {
	fs := flag.NewFlagSet("import-seg", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	replace := fs.Bool("replace", false, "replace label maps that hold labels")
	otherPatient := fs.Bool("other-patient", false, "take a SEG of another patient, study or frame of reference")
	otherSlices := fs.Bool("other-slices", false, "take a SEG annotated on other slices than the case")
	src, rest := splitFirstOf(args, nil)
	dst, rest := splitFirstOf(rest, nil)
	err := fs.Parse(rest)
	if p := argProblem(err, fs.Args(), missingArg([]string{"SEG", "CASE"}, src, dst)); p != "" {
		return usageFail(env, "import-seg", p, importSEGUsage)
	}
	fail := func(err error) int { fmt.Fprintf(env.Stderr, "saros-review import-seg: %v\n", err); return 2 }
	files, err := segFiles(src, func(w string) { fmt.Fprintf(env.Stderr, "saros-review import-seg: warning: %s\n", w) })
	if err != nil {
		return fail(err)
	}
	c, l, tags, err := loadWithTags(dst)
	if err != nil {
		return fail(err)
	}
	hashUID, err := caseUIDHash(c.Dir)
	if err != nil {
		return fail(err)
	}
	got := map[string]*volume.LabelMap{}
	for _, f := range files {
		s, err := dicomseg.ReadFor(f, l.Image.Grid)
		if err != nil {
			return fail(err)
		}
		if err := s.CheckIdentity(tags, c.ID, hashUID); err != nil {
			if !*otherPatient {
				return fail(fmt.Errorf("%w; give --other-patient to import it anyway", err))
			}
			fmt.Fprintf(env.Stderr, "saros-review import-seg: warning: %v; imported as --other-patient asks\n", err)
		}
		name, m, err := s.Labels(l.Image.Grid)
		if err != nil {
			return fail(err)
		}
		own, other := l.Regions, l.Parts
		if name == "parts" {
			own, other = l.Parts, l.Regions
		}
		if err := sameSlices(name, m, own, other); err != nil {
			if !*otherSlices {
				return fail(fmt.Errorf("%s: %w; give --other-slices to import it anyway", f, err))
			}
			fmt.Fprintf(env.Stderr, "saros-review import-seg: warning: %s: %v; imported as --other-slices asks\n", f, err)
		}
		if got[name] != nil {
			return fail(fmt.Errorf("%s: a second SEG of the %s map", f, name))
		}
		got[name] = m
		fmt.Fprintf(env.Stdout, "%s: %s map, %d segments, %d frames\n", f, name, len(s.Segments), len(s.Frames))
	}
	regions, parts := l.Regions, l.Parts
	for name, m := range got {
		old := l.Regions
		if name == "parts" {
			old = l.Parts
		}
		if old != nil && holdsLabels(old) && !*replace {
			return fail(fmt.Errorf("%s's %s map holds labels; give --replace to replace it (the old map is kept under %s)", c.ID, name, store.HistoryDir))
		}
		if name == "parts" {
			parts = m
		} else {
			regions = m
		}
	}
	// A map the SEGs did not bring and the case lacks: an empty sparse one.
	if regions == nil {
		regions = volume.SparseLabels(l.Image.Grid)
	}
	if parts == nil {
		parts = volume.SparseLabels(l.Image.Grid)
	}
	rev, err := l.SaveLabels(regions, parts)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(env.Stdout, "saved %s (previous maps kept in %s)\n", c.Dir, rev)
	return 0
}

// caseUIDHash returns store.HashUID when the case in dir was de-identified
// on import (its UIDs are hashes of the source's), nil otherwise.
func caseUIDHash(dir string) (func(string) string, error) {
	p := filepath.Join(dir, store.DeidentificationFile)
	if err := regular.Check(p); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	d, err := store.ReadDeidentification(dir)
	if err != nil || d == nil || d.KeptIdentifiers || d.Profile == "" {
		return nil, err
	}
	return store.HashUID, nil
}

// holdsLabels reports whether a map has any voxel other than 0 and 255.
func holdsLabels(m *volume.LabelMap) bool {
	h := m.Histogram()
	for v := 1; v < 255; v++ {
		if h[v] > 0 {
			return true
		}
	}
	return false
}

// maxSkipWarnings is how many skipped entries of a SEG folder are named
// one by one; the rest are counted in one line.
const maxSkipWarnings = 10

// segFiles lists the SEG files of a path: the file itself, or every SEG
// file in a folder (not its sub-folders). Only regular files are opened
// (a named pipe would block the read forever): a path that is none is
// refused, and such entries of a folder are skipped with a warning.
func segFiles(path string, warn func(string)) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		if err := regular.Check(path); err != nil {
			return nil, err
		}
		if !dicomseg.IsSEG(path) {
			return nil, fmt.Errorf("%s: not a DICOM Segmentation file", path)
		}
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var out []string
	skipped := 0
	defer func() {
		if skipped > maxSkipWarnings {
			warn(fmt.Sprintf("skipped %d more entries of %s that are not regular files", skipped-maxSkipWarnings, path))
		}
	}()
	for _, e := range entries {
		p := filepath.Join(path, e.Name())
		if e.IsDir() {
			continue
		}
		if err := regular.Check(p); err != nil {
			if st, serr := os.Stat(p); serr == nil && st.IsDir() {
				continue // a link to a sub-folder
			}
			if skipped++; skipped <= maxSkipWarnings {
				warn(fmt.Sprintf("skipped %v", err))
			}
			continue
		}
		if dicomseg.IsSEG(p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no DICOM Segmentation file", path)
	}
	sort.Strings(out)
	return out, nil
}
