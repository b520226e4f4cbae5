package store

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// HistoryDir is where a case keeps the previous versions of its label
// maps, one folder per save (until the review store keeps revisions).
const HistoryDir = ".saros-review/history"

// SaveLabels writes both label maps of a loaded case over its files, each
// through a temporary file, fsync and rename, keeping the header fields of
// the files they replace. The versions they replace are kept under
// HistoryDir/<time>/; it returns that folder. On error the files on disk
// are whole (old or new) and the maps in memory are untouched.
func (l *Loaded) SaveLabels(regions, parts *volume.LabelMap) (revision string, err error) {
	c := l.Case
	if c.Dir == "" {
		return "", fmt.Errorf("save %s: the case has no folder", c.ID)
	}
	stamp := time.Now().UTC().Format("20060102T150405.000000000Z")
	revision = filepath.Join(c.Dir, filepath.FromSlash(HistoryDir), stamp)
	for _, f := range []struct {
		path string
		name string
		m    *volume.LabelMap
		like *nifti.Header
	}{
		{c.Regions, RegionsFile, regions, l.RegionsHeader},
		{c.Parts, PartsFile, parts, l.PartsHeader},
	} {
		path := f.path
		if path == "" {
			path = filepath.Join(c.Dir, f.name)
		}
		err := writeAtomic(path, filepath.Join(revision, filepath.Base(path)), func(w io.Writer) error {
			return nifti.WriteLabels(w, f.m, f.like)
		})
		if err != nil {
			return "", err
		}
	}
	if c.Regions == "" {
		c.Regions = filepath.Join(c.Dir, RegionsFile)
	}
	if c.Parts == "" {
		c.Parts = filepath.Join(c.Dir, PartsFile)
	}
	return revision, c.ClearRecovery()
}
