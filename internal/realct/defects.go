package realct

import (
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// Defect is one problem Inject put into a case: the QC rule that must
// find it, where, and in which map ("regions", "parts", "both" or
// "image"; Slice −1 for the whole case).
type Defect struct {
	Rule  string
	Slice int
	Map   string
	Label int
	What  string
}

// Inject puts one known defect of each per-slice QC rule's kind into
// proposals made by Propose on the Cranium (it changes the maps and the
// image in place) and returns them. Every defect sits on its own
// annotated slice so that none hides another. The geometry rule is a
// header property and is not injected here.
func Inject(im *volume.Image, regions, parts *volume.LabelMap) []Defect {
	g := im.Grid
	nx, ny := g.Dims[0], g.Dims[1]
	r := func(k int) []uint8 { return regions.Axial(k) }
	p := func(k int) []uint8 { return parts.Axial(k) }
	box := func(s []uint8, i0, j0, i1, j1 int, v uint8, only func(old uint8) bool) {
		for j := j0; j <= j1; j++ {
			for i := i0; i <= i1; i++ {
				if only == nil || only(s[j*nx+i]) {
					s[j*nx+i] = v
				}
			}
		}
	}
	is := func(l uint8) func(uint8) bool { return func(o uint8) bool { return o == l } }
	cx, cy := nx/2, ny/2
	var ds []Defect

	// label-value: a 4×4 patch of the undefined region value 17.
	box(r(5), cx-2, cy-2, cx+1, cy+1, 17, nil)
	ds = append(ds, Defect{"label-value", 5, "regions", 17, "4×4 voxels of region value 17"})

	// foreground-mismatch: two patches where the part is background
	// inside the body.
	box(p(20), cx-3, cy-3, cx+2, cy+2, 0, nil)
	box(p(20), cx+20, cy-3, cx+22, cy-1, 0, nil)
	ds = append(ds, Defect{"foreground-mismatch", 20, "both", -1, "two patches of part background in the body"})

	// mixed-slice: the first ten rows of a parts slice not annotated.
	box(p(100), 0, 0, nx-1, 9, volume.NotAnnotated, nil)
	ds = append(ds, Defect{"mixed-slice", 100, "parts", int(volume.NotAnnotated), "ten rows of 255 in an annotated slice"})

	// ignore-mismatch: a regions slice marked not annotated, parts not.
	box(r(105), 0, 0, nx-1, ny-1, volume.NotAnnotated, nil)
	ds = append(ds, Defect{"ignore-mismatch", 105, "both", -1, "regions not annotated, parts annotated"})

	// components: four more head components (discs of 7×7 voxels, body in
	// both maps) in the air beside the head.
	for n := 0; n < 4; n++ {
		i0 := 2 + 9*n
		box(r(60), i0, ny-10, i0+6, ny-4, labels.RegionMuscle, nil)
		box(p(60), i0, ny-10, i0+6, ny-4, labels.PartHead, nil)
	}
	ds = append(ds, Defect{"components", 60, "parts", int(labels.PartHead), "four extra head components"})

	// island: a 2-voxel speck of brain in the scalp.
	island := findLabel(r(70), nx, labels.RegionMuscle, cx)
	r(70)[island], r(70)[island+1] = labels.RegionBrain, labels.RegionBrain
	ds = append(ds, Defect{"island", 70, "regions", int(labels.RegionBrain), "a 2-voxel brain speck in the scalp"})

	// enclosed: 3×3 bones inside the brain (8 mm², not an island).
	box(r(50), cx-1, cy-1, cx+1, cy+1, labels.RegionBones, is(labels.RegionBrain))
	ds = append(ds, Defect{"enclosed", 50, "regions", int(labels.RegionBones), "3×3 bones inside the brain"})

	// expected-present: no subcutaneous tissue on a slice.
	box(r(40), 0, 0, nx-1, ny-1, labels.RegionMuscle, is(labels.RegionSubcutaneousTissue))
	ds = append(ds, Defect{"expected-present", 40, "regions", int(labels.RegionSubcutaneousTissue), "subcutaneous tissue relabelled muscle"})

	// continuity: the brain missing between two slices that have it.
	box(r(80), 0, 0, nx-1, ny-1, labels.RegionMuscle, is(labels.RegionBrain))
	ds = append(ds, Defect{"continuity", 80, "regions", int(labels.RegionBrain), "brain relabelled muscle"})

	// context: part torso over a patch of brain.
	box(p(30), cx-5, cy-5, cx+4, cy+4, labels.PartTorso, nil)
	ds = append(ds, Defect{"context", 30, "both", int(labels.RegionBrain), "brain in a torso patch"})

	// laterality: the head becomes torso, and its patient's-left quarter
	// (high i: voxel order LAS) a right arm.
	box(p(0), 0, 0, nx-1, ny-1, labels.PartTorso, is(labels.PartHead))
	box(p(0), nx*3/4, 0, nx-1, ny-1, labels.PartRightArm, is(labels.PartTorso))
	ds = append(ds, Defect{"laterality", 0, "parts", int(labels.PartRightArm), "a right arm on the patient's left"})

	// stride: an annotated slice of the grid marked not annotated.
	box(r(90), 0, 0, nx-1, ny-1, volume.NotAnnotated, nil)
	box(p(90), 0, 0, nx-1, ny-1, volume.NotAnnotated, nil)
	ds = append(ds, Defect{"stride", 90, "regions", -1, "a grid slice left not annotated"})

	// hu-range: impossible HU values (as some source scans hold).
	hu := im.Axial(45)
	for j := 0; j < 8; j++ {
		for i := 0; i < 8; i++ {
			hu[j*nx+i] = -3000
		}
	}
	ds = append(ds, Defect{"hu-range", -1, "image", -1, "64 voxels of −3000 HU"})
	return ds
}

// findLabel returns the first voxel of label l whose right neighbour has
// label l too, going down column i, or else anywhere on the slice.
func findLabel(s []uint8, nx int, l uint8, i int) int {
	for j := 0; (j+1)*nx <= len(s); j++ {
		idx := j*nx + i
		if s[idx] == l && s[idx+1] == l {
			return idx
		}
	}
	for idx := range s[:len(s)-1] {
		if s[idx] == l && s[idx+1] == l {
			return idx
		}
	}
	return 0
}
