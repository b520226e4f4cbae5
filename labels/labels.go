// Package labels holds the label tables of the SAROS maps: values, names and
// the not-annotated value. It is a leaf that every other package may import.
package labels

// NotAnnotated is the value of every voxel of a slice that was not annotated.
// It equals volume.NotAnnotated (a test checks); labels imports nothing.
const NotAnnotated uint8 = 255

// Region label values of body-regions.nii.gz.
const (
	RegionBackground          uint8 = 0
	RegionSubcutaneousTissue  uint8 = 1
	RegionMuscle              uint8 = 2
	RegionAbdominalCavity     uint8 = 3
	RegionThoracicCavity      uint8 = 4
	RegionBones               uint8 = 5
	RegionParotidGlands       uint8 = 6
	RegionPericardium         uint8 = 7
	RegionBreastImplant       uint8 = 8
	RegionMediastinum         uint8 = 9
	RegionBrain               uint8 = 10
	RegionSpinalCord          uint8 = 11
	RegionThyroidGlands       uint8 = 12
	RegionSubmandibularGlands uint8 = 13
)

// Part label values of body-parts.nii.gz.
const (
	PartBackground uint8 = 0
	PartTorso      uint8 = 1
	PartHead       uint8 = 2
	PartRightLeg   uint8 = 3
	PartLeftLeg    uint8 = 4
	PartRightArm   uint8 = 5
	PartLeftArm    uint8 = 6
)

// Label is one defined value of a label map.
type Label struct {
	Value uint8
	Name  string
}

// Table lists the defined labels of one map, background first.
type Table struct {
	Map    string // "regions" or "parts"
	Labels []Label
}

// Regions is the table of body-regions.nii.gz.
var Regions = Table{Map: "regions", Labels: []Label{
	{0, "background"}, {1, "subcutaneous tissue"}, {2, "muscle"},
	{3, "abdominal cavity"}, {4, "thoracic cavity"}, {5, "bones"},
	{6, "parotid glands"}, {7, "pericardium"}, {8, "breast implant"},
	{9, "mediastinum"}, {10, "brain"}, {11, "spinal cord"},
	{12, "thyroid glands"}, {13, "submandibular glands"},
}}

// Parts is the table of body-parts.nii.gz.
var Parts = Table{Map: "parts", Labels: []Label{
	{0, "background"}, {1, "torso"}, {2, "head"}, {3, "right leg"},
	{4, "left leg"}, {5, "right arm"}, {6, "left arm"},
}}

// Name returns the label's name, "not annotated" for 255 and "" for values
// the table does not define.
func (t Table) Name(v uint8) string {
	if v == NotAnnotated {
		return "not annotated"
	}
	for _, l := range t.Labels {
		if l.Value == v {
			return l.Name
		}
	}
	return ""
}

// Defined reports whether v is a label of the table or 255.
func (t Table) Defined(v uint8) bool { return v == NotAnnotated || t.Name(v) != "" }
