package nnunet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"

	"github.com/saros-review/saros-review/internal/regular"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// exporter holds what every case's export shares.
type exporter struct {
	dir    string
	opt    Options
	table  labels.Table
	ignore uint8
	// owned are the files (relative, '/') an earlier export recorded in
	// the manifest: the only existing files it may replace.
	owned   map[string]bool
	journal *journal
}

// mayWrite refuses to replace a file that exists and that no earlier
// export wrote (a user's own file in a folder exported into with --force);
// otherwise it records the files in the journal before they are written.
func (ex *exporter) mayWrite(rels ...string) error {
	for _, r := range rels {
		st, err := os.Lstat(filepath.Join(ex.dir, filepath.FromSlash(r)))
		switch {
		case err != nil:
			continue
		case !ex.owned[r]:
			return fmt.Errorf("%s exists and was not written by an export: left alone (move it away to export this case)", r)
		case !st.Mode().IsRegular():
			// Writing would follow a link out of the export, or meet a
			// folder or pipe someone put in place of the export's file.
			return fmt.Errorf("%s is not the file the export wrote but %s: left alone (remove it to export this case)", r, fileKind(st.Mode()))
		}
	}
	return ex.journal.add(rels...)
}

// mapPath is the case's file of the exported map.
func (ex *exporter) mapPath(c *store.Case) string {
	if ex.opt.Map == "parts" {
		return c.Parts
	}
	return c.Regions
}

// signature identifies the sources and settings a case's files come from.
func (ex *exporter) signature(c *store.Case) (string, error) {
	s := fmt.Sprintf("%s %s ignore=%d split-test=%v link=%v", ex.opt.Map, ex.opt.Mode, ex.ignore, isTest(c.Split()), ex.opt.Link)
	for _, p := range []string{c.Image, ex.mapPath(c)} {
		st, err := os.Stat(p)
		if err != nil {
			return "", err
		}
		s += fmt.Sprintf(" | %s %d %d", filepath.Base(p), st.Size(), st.ModTime().UnixNano())
	}
	return s, nil
}

// exportCase writes one SAROS case's nnU-Net files unless prev says they
// were written from the same sources and they are all still there.
func (ex *exporter) exportCase(c *store.Case, prev manifestCase) caseResult {
	if c.Image == "" {
		return caseResult{skip: missing(c.Dir, store.ImageFile, "no "+store.ImageFile)}
	}
	if ex.mapPath(c) == "" {
		name := store.RegionsFile
		if ex.opt.Map == "parts" {
			name = store.PartsFile
		}
		return caseResult{skip: missing(c.Dir, name, "no "+ex.opt.Map+" map")}
	}
	sig, err := ex.signature(c)
	if err != nil {
		return caseResult{skip: err.Error()}
	}
	if prev.Source == sig && ex.allExist(prev.Files) {
		return caseResult{entry: prev, unchang: len(prev.Files)}
	}
	lm, _, err := nifti.LoadLabels(ex.mapPath(c), nil)
	if err != nil {
		return caseResult{skip: err.Error()}
	}
	if err := ex.convert(lm); err != nil {
		return caseResult{skip: fmt.Sprintf("%s: %v", filepath.Base(ex.mapPath(c)), err)}
	}
	test := isTest(c.Split())
	sub := "Tr"
	if test {
		sub = "Ts"
	}
	e := manifestCase{Source: sig, Test: test}
	var n int
	if ex.opt.Mode == Mode3D {
		n, err = ex.write3D(c, lm, sub, &e)
	} else {
		n, err = ex.write2D(c, lm, sub, &e)
	}
	if err != nil {
		return caseResult{skip: err.Error(), written: n}
	}
	return caseResult{entry: e, written: n}
}

// allExist reports whether every file (relative to the data set folder) exists.
func (ex *exporter) allExist(files []string) bool {
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(ex.dir, filepath.FromSlash(f))); err != nil {
			return false
		}
	}
	return len(files) > 0
}

// convert turns 255 into the ignore label in place and refuses values the
// table does not define.
func (ex *exporter) convert(m *volume.LabelMap) error {
	h := m.Histogram()
	for v, n := range h {
		if n > 0 && !ex.table.Defined(uint8(v)) {
			return fmt.Errorf("%d voxels hold %d, which is not a %s label", n, v, ex.table.Map)
		}
	}
	for i, v := range m.Voxels {
		if v == labels.NotAnnotated {
			m.Voxels[i] = ex.ignore
		}
	}
	return nil
}

// write3D copies (or links) the case's image and writes its converted map on the
// image's header, so the two have exactly the same geometry.
func (ex *exporter) write3D(c *store.Case, lm *volume.LabelMap, sub string, e *manifestCase) (int, error) {
	h, err := nifti.ReadHeader(c.Image)
	if err != nil {
		return 0, err
	}
	if err := h.Grid().SameAs(lm.Grid, volume.DefaultTolerance); err != nil {
		return 0, fmt.Errorf("%s: %v of the image", filepath.Base(ex.mapPath(c)), err)
	}
	lm.Grid = h.Grid()
	img := path.Join("images"+sub, c.ID+"_0000"+FileEnding)
	lab := path.Join("labels"+sub, c.ID+FileEnding)
	if err := ex.mayWrite(img, lab); err != nil {
		return 0, err
	}
	if err := placeImage(c.Image, filepath.Join(ex.dir, filepath.FromSlash(img)), ex.opt.Link); err != nil {
		return 0, err
	}
	if err := ex.writeLabels(lab, lm, h); err != nil {
		return 1, err
	}
	e.IDs = []string{c.ID}
	e.Files = []string{img, lab}
	return 2, nil
}

// write2D writes every annotated slice as its own one-slice case.
func (ex *exporter) write2D(c *store.Case, lm *volume.LabelMap, sub string, e *manifestCase) (int, error) {
	im, _, err := nifti.LoadImage(c.Image, nil)
	if err != nil {
		return 0, err
	}
	if err := im.SameAs(lm.Grid, volume.DefaultTolerance); err != nil {
		return 0, fmt.Errorf("%s: %v of the image", filepath.Base(ex.mapPath(c)), err)
	}
	// No file of the case is written when one of them is not ours.
	for k := 0; k < lm.Dims[2]; k++ {
		if allIgnore(lm.Axial(k), ex.ignore) {
			continue
		}
		id := fmt.Sprintf("%s_k%03d", c.ID, k)
		if err := ex.mayWrite(path.Join("images"+sub, id+"_0000"+FileEnding), path.Join("labels"+sub, id+FileEnding)); err != nil {
			return 0, err
		}
	}
	n := 0
	per := im.Dims[0] * im.Dims[1]
	for k := 0; k < lm.Dims[2]; k++ {
		sl := lm.Axial(k)
		if allIgnore(sl, ex.ignore) {
			continue
		}
		g := SliceGrid(im.Grid, k)
		id := fmt.Sprintf("%s_k%03d", c.ID, k)
		img := path.Join("images"+sub, id+"_0000"+FileEnding)
		lab := path.Join("labels"+sub, id+FileEnding)
		sim := &volume.Image{Grid: g, Voxels: im.Voxels[k*per : (k+1)*per]}
		if err := store.WriteFileAtomic(filepath.Join(ex.dir, filepath.FromSlash(img)), func(w io.Writer) error {
			return nifti.WriteImage(w, sim, nil)
		}); err != nil {
			return n, err
		}
		n++
		if err := ex.writeLabels(lab, &volume.LabelMap{Grid: g, Voxels: sl}, nil); err != nil {
			return n, err
		}
		n++
		e.IDs = append(e.IDs, id)
		e.Files = append(e.Files, img, lab)
	}
	if len(e.IDs) == 0 {
		return 0, fmt.Errorf("no annotated slice")
	}
	return n, nil
}

// SliceGrid is the one-slice grid of axial slice k of g: same in-plane
// geometry, origin moved to the slice.
func SliceGrid(g volume.Grid, k int) volume.Grid {
	o := g.World(0, 0, float64(k))
	g.Dims[2] = 1
	for r := 0; r < 3; r++ {
		g.Affine[r][3] = o[r]
	}
	return g
}

func allIgnore(s []uint8, ignore uint8) bool {
	for _, v := range s {
		if v != ignore {
			return false
		}
	}
	return true
}

// writeLabels writes a converted map atomically.
func (ex *exporter) writeLabels(rel string, m *volume.LabelMap, like *nifti.Header) error {
	return store.WriteFileAtomic(filepath.Join(ex.dir, filepath.FromSlash(rel)), func(w io.Writer) error {
		return nifti.WriteLabels(w, m, like)
	})
}

// fileKind names what a path that is not a regular file is.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	}
	return fmt.Sprintf("a special file (%v)", m)
}

// missing says why a case has no usable file name: what is there instead
// (a folder, a link to nothing, a link loop, a pipe), or else none.
func missing(dir, name, none string) string {
	p := filepath.Join(dir, name)
	if _, err := os.Lstat(p); err != nil {
		return none
	}
	err := regular.Check(p)
	switch {
	case err == nil:
		return none
	case errors.Is(err, os.ErrNotExist):
		return p + " is a symbolic link to nothing"
	}
	return err.Error()
}
