// Package bodycomp measures body composition from a CT and its region and
// part maps: skeletal muscle, intermuscular, subcutaneous, visceral,
// paracardial and epicardial fat, bone and total adipose tissue, by the
// HU thresholds of the SAROS tables. On sparse maps it measures the
// annotated slices only and labels a whole-scan figure an estimate. It
// never imports a GUI toolkit.
package bodycomp

import (
	"bytes"
	"context"
	"fmt"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// Tissue is one measured tissue.
type Tissue int

// The tissues, in report order.
const (
	Muscle Tissue = iota // skeletal muscle: muscle region, muscle HU
	IMAT                 // intermuscular fat: muscle region, adipose HU
	SAT                  // subcutaneous fat
	VAT                  // visceral fat: abdominal cavity
	PAT                  // paracardial fat: mediastinum
	EAT                  // epicardial fat: pericardium
	Bone                 // bones region, any HU
	TAT                  // total adipose: SAT + VAT + IMAT + PAT + EAT
	NumTissues
)

// Keys are the tissues' names in JSON and CSV.
var Keys = [NumTissues]string{"muscle", "imat", "sat", "vat", "pat", "eat", "bone", "tat"}

// Names are the tissues' names for people.
var Names = [NumTissues]string{"skeletal muscle", "intermuscular fat (IMAT)", "subcutaneous fat (SAT)",
	"visceral fat (VAT)", "paracardial fat (PAT)", "epicardial fat (EAT)", "bone", "total adipose tissue"}

// HU ranges, inclusive.
const (
	AdiposeMin, AdiposeMax = -190, -30
	MuscleMin, MuscleMax   = -29, 150
)

// classes maps (region, HU class) to a tissue; -1 is none. HU class 0 is
// adipose, 1 muscle range, 2 anything else.
var classes = func() (c [256][3]int8) {
	for r := range c {
		c[r] = [3]int8{-1, -1, -1}
	}
	c[labels.RegionMuscle] = [3]int8{int8(IMAT), int8(Muscle), -1}
	c[labels.RegionSubcutaneousTissue][0] = int8(SAT)
	c[labels.RegionAbdominalCavity][0] = int8(VAT)
	c[labels.RegionMediastinum][0] = int8(PAT)
	c[labels.RegionPericardium][0] = int8(EAT)
	c[labels.RegionBones] = [3]int8{int8(Bone), int8(Bone), int8(Bone)}
	return c
}()

// huClass sorts a HU value into adipose (0), muscle (1) or other (2).
func huClass(v int16) int {
	switch {
	case v >= AdiposeMin && v <= AdiposeMax:
		return 0
	case v >= MuscleMin && v <= MuscleMax:
		return 1
	}
	return 2
}

// TissueOf returns the tissue of a voxel of region r and value hu; ok is
// false when the voxel belongs to none (TAT is never returned: it is the
// sum of the fats).
func TissueOf(r uint8, hu int16) (t Tissue, ok bool) {
	c := classes[r][huClass(hu)]
	return Tissue(c), c >= 0
}

// Sum is a voxel count with the sum of its HU.
type Sum struct {
	N     int64
	HUSum int64
}

// add counts a voxel of value v.
func (s *Sum) add(v int16) { s.N++; s.HUSum += int64(v) }

// Slice holds one annotated axial slice's sums.
type Slice struct {
	K int
	// Mixed says the slice is only partly labelled (255 beside labels).
	Mixed bool
	// All counts every voxel; Torso only voxels whose body part is torso.
	All, Torso [NumTissues]Sum
	// Regions counts the voxels of each region label.
	Regions [256]int64
}

// Has reports whether the slice contains region r.
func (s *Slice) Has(r uint8) bool { return s.Regions[r] > 0 }

// Abdominal reports whether the slice contains the abdominal cavity.
func (s *Slice) Abdominal() bool { return s.Has(labels.RegionAbdominalCavity) }

// Thoracic reports whether the slice contains the thoracic cavity, the
// mediastinum or the pericardium.
func (s *Slice) Thoracic() bool {
	return s.Has(labels.RegionThoracicCavity) || s.Has(labels.RegionMediastinum) || s.Has(labels.RegionPericardium)
}

// Measure sums every annotated slice of im (slices where the regions map
// holds 255 are skipped). parts may be nil; then torso-only sums stay 0.
func Measure(im *volume.Image, regions, parts *volume.LabelMap) ([]Slice, error) {
	if err := im.SameAs(regions.Grid, volume.DefaultTolerance); err != nil {
		return nil, fmt.Errorf("body composition: regions map: %w", err)
	}
	if parts != nil {
		if err := im.SameAs(parts.Grid, volume.DefaultTolerance); err != nil {
			return nil, fmt.Errorf("body composition: parts map: %w", err)
		}
	}
	var pt func(k int) []uint8
	if parts != nil {
		pt = parts.Axial
	}
	return MeasureSlices(context.Background(), im, regions.AnnotatedSlices(), regions.Axial, pt)
}

// MeasureSlices sums axial slices ks of im, reading the regions and parts
// of slice k through regions(k) and parts(k) (parts nil, or a nil slice
// for a slice of 255 only: torso-only sums stay 0). It reads slices only,
// so a caller may hand it a copy of the annotated slices instead of whole
// maps; it stops with ctx's error when ctx ends.
func MeasureSlices(ctx context.Context, im *volume.Image, ks []int, regions, parts func(k int) []uint8) ([]Slice, error) {
	out := make([]Slice, len(ks))
	n := im.Dims[0] * im.Dims[1]
	for s, k := range ks {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("body composition: %w", err)
		}
		rg := regions(k)
		if len(rg) != n {
			return nil, fmt.Errorf("body composition: regions of slice %d hold %d voxels, want %d", k, len(rg), n)
		}
		var pt []uint8
		if parts != nil {
			pt = parts(k)
		}
		if pt != nil && len(pt) != n {
			return nil, fmt.Errorf("body composition: parts of slice %d hold %d voxels, want %d", k, len(pt), n)
		}
		measureSlice(&out[s], k, im.Voxels[k*n:(k+1)*n], rg, pt)
	}
	return out, nil
}

// measureSlice sums slice k of HU values hu with its regions rg and parts
// pt (nil: none) into sl.
func measureSlice(sl *Slice, k int, hu []int16, rg, pt []uint8) {
	sl.K = k
	switch bytes.Count(rg, []byte{volume.NotAnnotated}) {
	case 0, len(rg):
	default:
		sl.Mixed = true
	}
	for i, r := range rg {
		sl.Regions[r]++
		t := classes[r][huClass(hu[i])]
		if t < 0 {
			continue
		}
		v := hu[i]
		sl.All[t].add(v)
		torso := pt != nil && pt[i] == labels.PartTorso
		if torso {
			sl.Torso[t].add(v)
		}
		if t != int8(Muscle) && t != int8(Bone) {
			sl.All[TAT].add(v)
			if torso {
				sl.Torso[TAT].add(v)
			}
		}
	}
}
