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

// SaveLabels writes both label maps of a loaded case over its files as one
// save (see SaveLabelsFenced), with no lock to check.
func (l *Loaded) SaveLabels(regions, parts *volume.LabelMap) (revision string, err error) {
	return l.SaveLabelsFenced(regions, parts, nil)
}

// SaveLabelsFenced writes both label maps of a loaded case over its files,
// keeping the header fields of the files they replace: both new files are
// written and fsynced first, then fence (the review store's CheckLock of
// the saving session; nil for none) must say the save may still replace
// them, then both are renamed into place under a journal, so the disk holds
// either the old pair or the new pair, never one of each, even when killed
// in between (the next Load finishes or undoes it). The versions they
// replace are kept under HistoryDir/<time>/; it returns that folder. On
// error, a *SaveError says what is on disk and the maps in memory are
// untouched.
func (l *Loaded) SaveLabelsFenced(regions, parts *volume.LabelMap, fence func() error) (revision string, err error) {
	c := l.Case
	if c.Dir == "" {
		return "", fmt.Errorf("save %s: the case has no folder", c.ID)
	}
	stamp := time.Now().UTC().Format("20060102T150405.000000000Z")
	revision = filepath.Join(c.Dir, filepath.FromSlash(HistoryDir), stamp)
	var files [2]*pairFile
	for i, f := range []struct {
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
		files[i] = &pairFile{target: path, keep: filepath.Join(revision, filepath.Base(path)),
			write: func(w io.Writer) error { return nifti.WriteLabels(w, f.m, f.like) }}
	}
	if err := savePair(c, files, fence); err != nil {
		return "", err
	}
	if c.Regions == "" {
		c.Regions = files[0].target
	}
	if c.Parts == "" {
		c.Parts = files[1].target
	}
	return revision, c.ClearRecovery()
}
