package dicomseg

import (
	"math"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/labels"
)

// Code is a DICOM coded concept.
type Code struct {
	Value, Scheme, Meaning string
}

// SegmentCode is how a label is described in a Segment Sequence item: its
// category, its property type and, for limbs, a laterality modifier.
type SegmentCode struct {
	Category Code
	Type     Code
	Modifier *Code // nil when there is none
}

// Category codes (SNOMED CT, DICOM CID 7150).
var (
	anatomicalStructure = Code{"123037004", "SCT", "Anatomical Structure"}
	physicalObject      = Code{"260787004", "SCT", "Physical object"}
	right               = &Code{"24028007", "SCT", "Right"}
	left                = &Code{"7771000", "SCT", "Left"}
)

// RegionCodes are the segment codes of the body-regions labels: SNOMED CT
// body structures; breast implant has no SNOMED CT concept we could check,
// so it carries a local code (scheme 99SAROS, as DICOM allows private
// schemes starting with 99).
var RegionCodes = map[uint8]SegmentCode{
	labels.RegionSubcutaneousTissue:  {anatomicalStructure, Code{"71966008", "SCT", "Subcutaneous tissue"}, nil},
	labels.RegionMuscle:              {anatomicalStructure, Code{"127954009", "SCT", "Skeletal muscle"}, nil},
	labels.RegionAbdominalCavity:     {anatomicalStructure, Code{"52731004", "SCT", "Abdominal cavity"}, nil},
	labels.RegionThoracicCavity:      {anatomicalStructure, Code{"43799004", "SCT", "Thoracic cavity"}, nil},
	labels.RegionBones:               {anatomicalStructure, Code{"272673000", "SCT", "Bone"}, nil},
	labels.RegionParotidGlands:       {anatomicalStructure, Code{"45289007", "SCT", "Parotid gland"}, nil},
	labels.RegionPericardium:         {anatomicalStructure, Code{"76848001", "SCT", "Pericardium"}, nil},
	labels.RegionBreastImplant:       {physicalObject, Code{"BREAST_IMPLANT", "99SAROS", "Breast implant"}, nil},
	labels.RegionMediastinum:         {anatomicalStructure, Code{"72410000", "SCT", "Mediastinum"}, nil},
	labels.RegionBrain:               {anatomicalStructure, Code{"12738006", "SCT", "Brain"}, nil},
	labels.RegionSpinalCord:          {anatomicalStructure, Code{"2748008", "SCT", "Spinal cord"}, nil},
	labels.RegionThyroidGlands:       {anatomicalStructure, Code{"69748006", "SCT", "Thyroid"}, nil},
	labels.RegionSubmandibularGlands: {anatomicalStructure, Code{"54019009", "SCT", "Submandibular gland"}, nil},
}

// PartCodes are the segment codes of the body-parts labels: trunk, head,
// lower and upper limb, with right and left as modifiers.
var PartCodes = map[uint8]SegmentCode{
	labels.PartTorso:    {anatomicalStructure, Code{"22943007", "SCT", "Trunk"}, nil},
	labels.PartHead:     {anatomicalStructure, Code{"69536005", "SCT", "Head"}, nil},
	labels.PartRightLeg: {anatomicalStructure, Code{"61685007", "SCT", "Lower limb"}, right},
	labels.PartLeftLeg:  {anatomicalStructure, Code{"61685007", "SCT", "Lower limb"}, left},
	labels.PartRightArm: {anatomicalStructure, Code{"53120007", "SCT", "Upper limb"}, right},
	labels.PartLeftArm:  {anatomicalStructure, Code{"53120007", "SCT", "Upper limb"}, left},
}

// mapInfo is what differs between the two maps.
type mapInfo struct {
	table   labels.Table
	codes   map[uint8]SegmentCode
	colours []assets.RGB
	content string // ContentLabel
}

func infoOf(m string) (mapInfo, bool) {
	switch m {
	case "regions":
		return mapInfo{labels.Regions, RegionCodes, assets.RegionColours[:], "BODY_REGIONS"}, true
	case "parts":
		return mapInfo{labels.Parts, PartCodes, assets.PartColours[:], "BODY_PARTS"}, true
	}
	return mapInfo{}, false
}

// CIELab converts an sRGB colour to DICOM's RecommendedDisplayCIELabValue:
// L* 0..100 and a*, b* −128..127 (D65) scaled to 0..65535.
func CIELab(c assets.RGB) [3]int {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	r, g, b := lin(c.R), lin(c.G), lin(c.B)
	x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	L := 116*f(y) - 16
	A := 500 * (f(x) - f(y))
	B := 200 * (f(y) - f(z))
	clamp := func(v float64) int { return int(math.Round(math.Max(0, math.Min(65535, v)))) }
	return [3]int{clamp(L * 65535 / 100), clamp((A + 128) * 65535 / 255), clamp((B + 128) * 65535 / 255)}
}
