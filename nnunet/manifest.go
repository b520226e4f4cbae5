package nnunet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/internal/regular"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/store"
)

// ManifestFile records, in the data set folder, what an export wrote and
// from which sources, so a re-export writes only what changed and never
// mistakes a folder someone else made for its own.
const ManifestFile = ".saros-review-export.json"

const manifestProgram = "saros-review export-nnunet"

// maxJSONBytes bounds the JSON files of an export read into memory
// (dataset.json, splits_final.json, the record): 64 MiB, far above what an
// export of thousands of cases writes.
const maxJSONBytes = 64 << 20

// manifest is the content of ManifestFile.
type manifest struct {
	Program string                  `json:"program"`
	Map     string                  `json:"map"`
	Mode    string                  `json:"mode"`
	Cases   map[string]manifestCase `json:"cases"`
}

// manifestCase is one SAROS case's part of an export.
type manifestCase struct {
	Source string   `json:"source"` // the sources' names, sizes and times, and the settings
	Test   bool     `json:"test,omitempty"`
	IDs    []string `json:"ids"`   // nnU-Net case identifiers
	Files  []string `json:"files"` // written files, relative, with '/'
}

// openTarget reads the manifest of an earlier export in dir. A missing or
// empty dir gives an empty manifest; a non-empty dir without one is refused
// unless force.
func openTarget(dir string, force bool) (*manifest, error) {
	m := &manifest{Program: manifestProgram, Cases: map[string]manifestCase{}}
	b, err := regular.ReadFile(filepath.Join(dir, ManifestFile), maxJSONBytes)
	if err == nil {
		if err := json.Unmarshal(b, m); err != nil || m.Program != manifestProgram {
			return nil, fmt.Errorf("nnU-Net export: %s: not a manifest of %s (remove it or the folder)", filepath.Join(dir, ManifestFile), manifestProgram)
		}
		if m.Cases == nil {
			m.Cases = map[string]manifestCase{}
		}
		for id, c := range m.Cases {
			for _, f := range c.Files {
				if err := checkOwnFile(f); err != nil {
					return nil, fmt.Errorf("nnU-Net export: %s is damaged: case %q lists %q, %v; remove the record or the folder", filepath.Join(dir, ManifestFile), id, f, err)
				}
			}
		}
		return m, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("nnU-Net export: %w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("nnU-Net export: %w", err)
	}
	if len(entries) > 0 && !force {
		return nil, fmt.Errorf("nnU-Net export: %s exists and was not written by an export; give --force to write into it", dir)
	}
	return m, nil
}

// writeManifest saves the manifest atomically.
func writeManifest(dir string, m *manifest) error {
	return writeJSONIfChanged(filepath.Join(dir, ManifestFile), m)
}

// writeJSONIfChanged writes v as indented JSON unless the file already
// holds exactly that.
func writeJSONIfChanged(p string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("nnU-Net export: %s: %w", filepath.Base(p), err)
	}
	return writeBytesIfChanged(p, append(b, '\n'))
}

// writeBytesIfChanged writes b atomically unless the file already holds
// exactly that.
func writeBytesIfChanged(p string, b []byte) error {
	old, err := regular.ReadFile(p, maxJSONBytes)
	if err == nil && bytes.Equal(old, b) {
		return nil
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) { // a named pipe, a folder, too large
		return fmt.Errorf("nnU-Net export: %w", err)
	}
	return store.WriteFileAtomic(p, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// orderedLabels marshals the labels of dataset.json in value order.
type orderedLabels struct {
	names  []string
	values []int
}

// MarshalJSON writes {"background": 0, …, "ignore": N} in value order.
func (o orderedLabels) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, n := range o.names {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(n)
		fmt.Fprintf(&b, "%s:%d", k, o.values[i])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// datasetFile is dataset.json as nnU-Net v2 reads it.
type datasetFile struct {
	ChannelNames map[string]string `json:"channel_names"`
	Labels       orderedLabels     `json:"labels"`
	NumTraining  int               `json:"numTraining"`
	FileEnding   string            `json:"file_ending"`
	Name         string            `json:"name"`
	Description  string            `json:"description"`
	Reference    string            `json:"reference"`
}

// datasetJSON builds dataset.json: the table's labels by name, then
// "ignore" one above them.
func datasetJSON(o Options, t labels.Table, ignore uint8, numTraining int) *datasetFile {
	var l orderedLabels
	for _, x := range t.Labels {
		l.names = append(l.names, LabelKey(x.Name))
		l.values = append(l.values, int(x.Value))
	}
	l.names = append(l.names, "ignore")
	l.values = append(l.values, int(ignore))
	desc := "SAROS body " + o.Map + ", "
	if o.Mode == Mode2D {
		desc += "one case per annotated axial slice (<case>_k<slice>)"
	} else {
		desc += "whole CTs with sparse labels"
	}
	return &datasetFile{
		ChannelNames: map[string]string{"0": "CT"},
		Labels:       l,
		NumTraining:  numTraining,
		FileEnding:   FileEnding,
		Name:         o.Name,
		Description:  desc + "; not annotated voxels (255) are the ignore label",
		Reference:    "exported by saros-review export-nnunet",
	}
}
