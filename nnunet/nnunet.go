// Package nnunet turns a SAROS data set into an nnU-Net v2 raw data set
// (imagesTr, labelsTr, imagesTs, labelsTs, dataset.json and
// splits_final.json) and checks such a set the way nnU-Net v2's
// verify_dataset_integrity does. Voxels that were not annotated (255)
// become nnU-Net's "ignore" label, the highest consecutive label value, so
// nnU-Net trains on the sparse slices without counting the rest as
// background. It never imports a GUI toolkit.
package nnunet

import (
	"fmt"
	"strings"

	"github.com/saros-review/saros-review/labels"
)

// FileEnding is the file ending of every written image and label file.
const FileEnding = ".nii.gz"

// Mode says what one nnU-Net case is.
type Mode string

// The export modes.
const (
	// Mode3D makes every SAROS case one nnU-Net case: the whole CT and its
	// sparse map, unannotated slices all "ignore".
	Mode3D Mode = "3d"
	// Mode2D makes every annotated axial slice its own case, named
	// <case>_k<KKK> (KKK the slice index, zero-padded to three digits), one
	// slice thick, with the slice's position in its affine.
	Mode2D Mode = "2d"
)

// Options chooses what Export writes.
type Options struct {
	Map  string // "regions" (body-regions.nii.gz) or "parts" (body-parts.nii.gz)
	Mode Mode
	ID   int    // nnU-Net data set id, 1..999 (0: DefaultID): the folder is DatasetNNN_Name
	Name string // data set name: letters, digits, '-' and '_' ("": DefaultName)
	Jobs int    // cases written at once (at least one)
	// Link hard-links the images to the data set's CTs instead of copying
	// them: no space used, but a program that rewrites an exported image
	// in place (nibabel's save does) rewrites the source CT.
	Link bool
	// Force lets Export write into an existing, non-empty folder that is not
	// an earlier export of this program.
	Force bool
	// Progress, when not nil, is told how many cases of the total are done
	// (calls never overlap).
	Progress func(done, total int)
}

// Table returns the label table of a map name ("regions" or "parts").
func Table(m string) (labels.Table, error) {
	switch m {
	case "regions":
		return labels.Regions, nil
	case "parts":
		return labels.Parts, nil
	}
	return labels.Table{}, fmt.Errorf("nnU-Net export: map %q, want regions or parts", m)
}

// IgnoreLabel is the value 255 becomes: one above the table's highest label
// (14 for regions, 7 for parts), as nnU-Net v2 requires.
func IgnoreLabel(t labels.Table) uint8 {
	var hi uint8
	for _, l := range t.Labels {
		hi = max(hi, l.Value)
	}
	return hi + 1
}

// LabelKey is the name of a label in dataset.json: the table's name with
// spaces as underscores ("subcutaneous_tissue").
func LabelKey(name string) string { return strings.ReplaceAll(name, " ", "_") }

// DefaultName is the data set name used when none is given: SAROSRegions,
// SAROSParts, SAROSRegions2D, SAROSParts2D.
func DefaultName(m string, mode Mode) string {
	n := "SAROSRegions"
	if m == "parts" {
		n = "SAROSParts"
	}
	if mode == Mode2D {
		n += "2D"
	}
	return n
}

// DefaultID is the data set id used when none is given, one per map and
// mode so that the four exports can share one nnUNet_raw folder: 501
// regions 3D, 502 parts 3D, 503 regions 2D, 504 parts 2D.
func DefaultID(m string, mode Mode) int {
	id := 501
	if m == "parts" {
		id++
	}
	if mode == Mode2D {
		id += 2
	}
	return id
}

// FolderName is nnU-Net's folder name for a data set: Dataset501_SAROSRegions.
func FolderName(id int, name string) string { return fmt.Sprintf("Dataset%03d_%s", id, name) }

// check validates the options and fills in defaults.
func (o *Options) check() error {
	if o.Map == "" {
		o.Map = "regions"
	}
	if _, err := Table(o.Map); err != nil {
		return err
	}
	if o.Mode == "" {
		o.Mode = Mode3D
	}
	if o.Mode != Mode3D && o.Mode != Mode2D {
		return fmt.Errorf("nnU-Net export: mode %q, want 3d or 2d", o.Mode)
	}
	if o.ID == 0 {
		o.ID = DefaultID(o.Map, o.Mode)
	}
	if o.ID < 1 || o.ID > 999 {
		return fmt.Errorf("nnU-Net export: data set id %d, want 1 to 999", o.ID)
	}
	if o.Name == "" {
		o.Name = DefaultName(o.Map, o.Mode)
	}
	for _, r := range o.Name {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return fmt.Errorf("nnU-Net export: data set name %q: use letters, digits, '-' and '_'", o.Name)
		}
	}
	o.Jobs = max(o.Jobs, 1)
	return nil
}
