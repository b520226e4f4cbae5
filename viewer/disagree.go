package viewer

// Disagreement marks, on one axial slice, the voxels of a label that are
// in one of two compared label maps only: OnlyA in the first map (the
// proposal or a revision), OnlyB in the second (the current maps).
type Disagreement struct {
	OnlyA, OnlyB Preview
}

// OnlyAColour tints voxels of the compared label in map A only (orange).
var OnlyAColour = [3]uint8{255, 140, 0}

// OnlyBColour tints voxels of the compared label in map B only (cyan).
var OnlyBColour = [3]uint8{0, 200, 255}
