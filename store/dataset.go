// Package store finds data sets and cases on disk and keeps files safe:
// opening a data set folder, a case folder or a lone NIfTI image, reading
// the CSV of case metadata, loading cases and writing files atomically.
// (Review state and revisions come later.) It never imports a GUI toolkit.
package store

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// File names inside a case folder.
const (
	ImageFile         = "image.nii.gz"
	ImageOriginalFile = "image_original.nii.gz"
	// DICOMTagsFile keeps the header tags of an imported DICOM series.
	DICOMTagsFile = "dicom-tags.json"
	RegionsFile   = "body-regions.nii.gz"
	PartsFile     = "body-parts.nii.gz"
)

// Kind says what a path opened as.
type Kind int

// The kinds of thing Open accepts.
const (
	DatasetFolder Kind = iota // case folders plus a CSV
	CaseFolder                // one case folder
	LoneImage                 // a NIfTI file, label maps beside it if any
)

// String names the kind.
func (k Kind) String() string {
	return [...]string{"data set", "case folder", "image file"}[k]
}

var caseDirRE = regexp.MustCompile(`^case_\d{3,}$`)

// Dataset is what Open found at a path.
type Dataset struct {
	Root     string
	Kind     Kind
	CSVPath  string   // the Segmentation Info CSV, "" if none
	Columns  []string // CSV columns in file order
	Cases    []*Case  // sorted by ID
	Problems []string // data set-level problems (CSV rows without folder, unreadable CSV)
}

// Case is one case: its files (empty when missing), its CSV row and the
// problems found with its files.
type Case struct {
	ID            string
	Dir           string
	Image         string
	ImageOriginal string
	Regions       string
	Parts         string
	Meta          map[string]string // CSV row by column name
	Problems      []string          // missing or mismatched files
}

// Split, Collection and AnatomicRegion read well-known CSV columns ("" when
// absent).
func (c *Case) Split() string          { return c.Meta["split"] }
func (c *Case) Collection() string     { return c.Meta["tcia_collection"] }
func (c *Case) AnatomicRegion() string { return c.Meta["anatomic_region"] }

// Open opens a data set folder, a case folder or a NIfTI image (a case's
// body-regions or body-parts map opens as its case). It fails
// only when the path cannot be used at all; problems with single cases are
// listed on those cases.
func Open(path string) (*Dataset, error) {
	// An absolute root: what is stored relative to the data set (revision
	// folders) must not depend on the folder the program started in.
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open data set: %w", err)
	}
	if !st.IsDir() {
		if !isNIfTIName(path) {
			return nil, fmt.Errorf("open %s: not a folder or a NIfTI file (.nii, .nii.gz)", path)
		}
		return openLone(path), nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("open data set: %w", err)
	}
	ds := &Dataset{Root: path, Kind: DatasetFolder}
	var caseDirs []string
	for _, e := range entries {
		if name := e.Name(); isDir(path, e) && caseDirRE.MatchString(name) {
			caseDirs = append(caseDirs, name)
		}
	}
	ds.CSVPath = findCSV(path, entries)
	if bad := csvNotFile(path, entries); bad != "" {
		ds.Problems = append(ds.Problems, bad)
	}
	if len(caseDirs) == 0 && ds.CSVPath == "" {
		if hasCaseFiles(entries) {
			return openCaseFolder(path), nil
		}
		return nil, fmt.Errorf("open %s: no case_NNN folders, no Segmentation Info CSV and no case files (%s)", path, ImageFile)
	}
	for _, d := range caseDirs {
		ds.Cases = append(ds.Cases, scanCase(d, filepath.Join(path, d)))
	}
	if ds.CSVPath != "" {
		ds.attachCSV()
	}
	sort.Slice(ds.Cases, func(a, b int) bool { return ds.Cases[a].ID < ds.Cases[b].ID })
	return ds, nil
}

// isDir reports whether a folder entry is a folder, following symbolic
// links (case folders on shared storage are often linked in).
func isDir(parent string, e os.DirEntry) bool {
	if e.Type()&os.ModeSymlink == 0 {
		return e.IsDir()
	}
	st, err := os.Stat(filepath.Join(parent, e.Name()))
	return err == nil && st.IsDir()
}

func isNIfTIName(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".nii") || strings.HasSuffix(l, ".nii.gz")
}

func hasCaseFiles(entries []os.DirEntry) bool {
	for _, e := range entries {
		switch e.Name() {
		case ImageFile, RegionsFile, PartsFile:
			return true
		}
	}
	return false
}

func openCaseFolder(dir string) *Dataset {
	c := scanCase(filepath.Base(dir), dir)
	return &Dataset{Root: dir, Kind: CaseFolder, Cases: []*Case{c}}
}

func openLone(path string) *Dataset {
	dir := filepath.Dir(path)
	name := filepath.Base(path)
	id := strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".nii")
	c := &Case{ID: id, Dir: dir, Image: path, Meta: map[string]string{}}
	// A case's label map opened on its own (a double click in a file
	// manager) means the case: its image under its labels.
	if img := existing(filepath.Join(dir, ImageFile)); (name == RegionsFile || name == PartsFile) && img != "" {
		c.Image, name = img, ImageFile
	}
	if name == ImageFile {
		c.ID = filepath.Base(dir)
		c.Regions = existing(filepath.Join(dir, RegionsFile))
		c.Parts = existing(filepath.Join(dir, PartsFile))
		c.ImageOriginal = existing(filepath.Join(dir, ImageOriginalFile))
	}
	c.check()
	return &Dataset{Root: dir, Kind: LoneImage, Cases: []*Case{c}}
}

func existing(p string) string {
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p
	}
	return ""
}

// scanCase lists the files of a case folder and checks their headers.
func scanCase(id, dir string) *Case {
	c := &Case{ID: id, Dir: dir, Meta: map[string]string{},
		Image:         existing(filepath.Join(dir, ImageFile)),
		ImageOriginal: existing(filepath.Join(dir, ImageOriginalFile)),
		Regions:       existing(filepath.Join(dir, RegionsFile)),
		Parts:         existing(filepath.Join(dir, PartsFile)),
	}
	c.check()
	return c
}

// Files lists which case files exist, for display: "image regions parts".
func (c *Case) Files() []string {
	var fs []string
	for _, f := range []struct{ name, path string }{
		{"image", c.Image}, {"regions", c.Regions}, {"parts", c.Parts}, {"original", c.ImageOriginal},
	} {
		if f.path != "" {
			fs = append(fs, f.name)
		}
	}
	return fs
}
