package bodycomp

import (
	"fmt"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// Definitions names a set of tissue definitions.
type Definitions string

// The tissue definitions Measure can follow.
const (
	// SAROS follows the SAROS tables: bone is every voxel of the bones
	// region, whatever its HU.
	SAROS Definitions = "saros"
	// BOA follows the Body and Organ Analysis (UMEssen, its
	// body_composition_analysis/tissue/definition.py): the same regions
	// and adipose (−190…−30) and muscle (−29…150) ranges, but bone only
	// from −1000 to 3000 HU (its HURange.ALL), so impossible values such as
	// −3000 or metal above 3000 are not bone.
	BOA Definitions = "boa"
)

// BOA's HU range of bone, inclusive.
const BOABoneMin, BOABoneMax = -1000, 3000

// ParseDefinitions reads "saros" or "boa".
func ParseDefinitions(s string) (Definitions, error) {
	switch d := Definitions(s); d {
	case SAROS, BOA:
		return d, nil
	}
	return "", fmt.Errorf("tissue definitions %q, want saros or boa", s)
}

// MeasureWith is Measure under the given definitions.
func MeasureWith(im *volume.Image, regions, parts *volume.LabelMap, d Definitions) ([]Slice, error) {
	if _, err := ParseDefinitions(string(d)); err != nil {
		return nil, err
	}
	sl, err := Measure(im, regions, parts)
	if err != nil || d == SAROS {
		return sl, err
	}
	// BOA: take bone voxels outside −1000…3000 HU back out.
	n := im.Dims[0] * im.Dims[1]
	for s := range sl {
		k := sl[s].K
		hu := im.Voxels[k*n : (k+1)*n]
		rg := regions.Voxels[k*n : (k+1)*n]
		for i, r := range rg {
			if r != labels.RegionBones || (hu[i] >= BOABoneMin && hu[i] <= BOABoneMax) {
				continue
			}
			sl[s].All[Bone].N--
			sl[s].All[Bone].HUSum -= int64(hu[i])
			if parts != nil && parts.Voxels[k*n+i] == labels.PartTorso {
				sl[s].Torso[Bone].N--
				sl[s].Torso[Bone].HUSum -= int64(hu[i])
			}
		}
	}
	return sl, nil
}
