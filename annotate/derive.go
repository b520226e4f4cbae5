package annotate

import (
	"context"
	"fmt"
	"math"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// component is one 8-connected body component of a slice.
type component struct {
	voxels  []int32 // offsets in the slice
	cavity  int     // cavity voxels (abdominal, thoracic, mediastinum, pericardium)
	head    int     // head voxels (brain, parotid, submandibular, thyroid)
	centreX float64 // world x (RAS) of the centroid
	width   float64 // world extent along x, mm
}

// levels classifies the annotated slices: which hold a cavity, and the
// lowest and highest of those in world z.
type levels struct {
	lowZ, highZ float64 // world z of the lowest and highest cavity slice
	topWidth    float64 // width of the torso on the highest cavity slice
	any         bool
}

func isCavity(v uint8) bool {
	return v == labels.RegionAbdominalCavity || v == labels.RegionThoracicCavity || v == labels.RegionMediastinum || v == labels.RegionPericardium
}

func isHead(v uint8) bool {
	return v == labels.RegionBrain || v == labels.RegionParotidGlands || v == labels.RegionSubmandibularGlands || v == labels.RegionThyroidGlands
}

// bodyComponents finds the body components of axial slice k.
func (s *Session) bodyComponents(k int) []component {
	g := s.Image.Grid
	nx, ny := g.Dims[0], g.Dims[1]
	reg := s.Maps[MapRegions].Axial(k)
	seen := make([]bool, nx*ny)
	var comps []component
	for start, v := range reg {
		if v == 0 || v == volume.NotAnnotated || seen[start] {
			continue
		}
		c := component{}
		stack := []int32{int32(start)}
		seen[start] = true
		minX, maxX, sumX := math.Inf(1), math.Inf(-1), 0.0
		for len(stack) > 0 {
			p := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			c.voxels = append(c.voxels, int32(p))
			x, y := p%nx, p/nx
			switch r := reg[p]; {
			case isCavity(r):
				c.cavity++
			case isHead(r):
				c.head++
			}
			wx := g.World(float64(x), float64(y), float64(k))[0]
			sumX += wx
			minX, maxX = math.Min(minX, wx), math.Max(maxX, wx)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					if xx < 0 || yy < 0 || xx >= nx || yy >= ny {
						continue
					}
					q := yy*nx + xx
					if !seen[q] && reg[q] != 0 && reg[q] != volume.NotAnnotated {
						seen[q] = true
						stack = append(stack, int32(q))
					}
				}
			}
		}
		c.centreX = sumX / float64(len(c.voxels))
		c.width = maxX - minX + g.Spacing[0]
		comps = append(comps, c)
	}
	return comps
}

// cavityLevels finds where the cavities start and end along the body.
func (s *Session) cavityLevels() levels {
	var lv levels
	lv.lowZ, lv.highZ = math.Inf(1), math.Inf(-1)
	g := s.Image.Grid
	for _, k := range s.Maps[MapRegions].AnnotatedSlices() {
		has := false
		for _, v := range s.Maps[MapRegions].Axial(k) {
			if isCavity(v) {
				has = true
				break
			}
		}
		if !has {
			continue
		}
		z := g.World(0, 0, float64(k))[2]
		lv.any = true
		lv.lowZ = math.Min(lv.lowZ, z)
		if z > lv.highZ {
			lv.highZ = z
			lv.topWidth = 0
			for _, c := range s.bodyComponents(k) {
				if c.cavity > 0 {
					lv.topWidth = math.Max(lv.topWidth, c.width)
				}
			}
		}
	}
	return lv
}

// DeriveParts proposes the body parts of annotated slice k from its
// regions, by the rules the data set's parts were pre-filled with:
//   - a slice with brain, parotid, submandibular or thyroid glands: the
//     component holding them is the head, other components arms;
//   - at cavity level: the component holding most cavity is the torso,
//     the others arms;
//   - below the lowest cavity slice: exactly two components of similar
//     size are the legs, otherwise the largest is the torso;
//   - above the highest cavity slice: the largest component is the head
//     when it is narrower than 60 % of the torso at the top of the
//     cavities, else the torso; the others are arms.
//
// Right and left come from world x (the affine), never from array order;
// smaller leftover components join the nearest assigned side. The result
// holds one part per voxel of the slice (0 where the region is 0).
func (s *Session) DeriveParts(k int) ([]uint8, error) {
	if st := s.Maps[MapRegions].SliceState(k); st != volume.Annotated {
		return nil, fmt.Errorf("slice %d is %s: parts are derived on annotated slices", k, st)
	}
	return s.deriveParts(k, s.cavityLevels()), nil
}

func (s *Session) deriveParts(k int, lv levels) []uint8 {
	g := s.Image.Grid
	comps := s.bodyComponents(k)
	out := make([]uint8, g.Dims[0]*g.Dims[1])
	if len(comps) == 0 {
		return out
	}
	z := g.World(0, 0, float64(k))[2]
	largest := 0
	for i, c := range comps {
		if len(c.voxels) > len(comps[largest].voxels) {
			largest = i
		}
	}
	parts := make([]uint8, len(comps))
	side := func(c component, ref float64, right, left uint8) uint8 {
		if c.centreX > ref { // RAS: +x is the patient's right
			return right
		}
		return left
	}
	main, mainPart := largest, labels.PartTorso
	headComp := -1
	for i, c := range comps {
		if c.head > 0 && (headComp < 0 || c.head > comps[headComp].head) {
			headComp = i
		}
	}
	cavComp := -1
	for i, c := range comps {
		if c.cavity > 0 && (cavComp < 0 || c.cavity > comps[cavComp].cavity) {
			cavComp = i
		}
	}
	switch {
	case cavComp >= 0:
		main, mainPart = cavComp, labels.PartTorso
	case headComp >= 0:
		main, mainPart = headComp, labels.PartHead
	case lv.any && z < lv.lowZ:
		if len(comps) >= 2 {
			a, b := twoLargest(comps)
			if r := float64(len(comps[b].voxels)) / float64(len(comps[a].voxels)); r > 0.4 {
				mid := (comps[a].centreX + comps[b].centreX) / 2
				for i, c := range comps {
					parts[i] = side(c, mid, labels.PartRightLeg, labels.PartLeftLeg)
				}
				return paint(out, comps, parts)
			}
		}
	case lv.any && z > lv.highZ:
		if lv.topWidth > 0 && comps[largest].width < 0.6*lv.topWidth {
			mainPart = labels.PartHead
		}
	}
	for i, c := range comps {
		if i == main {
			parts[i] = mainPart
			continue
		}
		parts[i] = side(c, comps[main].centreX, labels.PartRightArm, labels.PartLeftArm)
	}
	return paint(out, comps, parts)
}

func twoLargest(comps []component) (a, b int) {
	a, b = 0, 1
	if len(comps[b].voxels) > len(comps[a].voxels) {
		a, b = b, a
	}
	for i := 2; i < len(comps); i++ {
		switch n := len(comps[i].voxels); {
		case n > len(comps[a].voxels):
			a, b = i, a
		case n > len(comps[b].voxels):
			b = i
		}
	}
	return a, b
}

func paint(out []uint8, comps []component, parts []uint8) []uint8 {
	for i, c := range comps {
		for _, p := range c.voxels {
			out[p] = parts[i]
		}
	}
	return out
}

// DeriveAllParts proposes parts for every annotated slice.
func (s *Session) DeriveAllParts() map[int][]uint8 {
	out, _ := s.DeriveAllPartsContext(context.Background())
	return out
}

// DeriveAllPartsContext is DeriveAllParts that stops with ctx's error
// when ctx ends. It only reads the maps, so it may run in a goroutine
// while the session is Lent (no change can happen meanwhile).
func (s *Session) DeriveAllPartsContext(ctx context.Context) (map[int][]uint8, error) {
	lv := s.cavityLevels()
	out := map[int][]uint8{}
	for _, k := range s.Maps[MapRegions].AnnotatedSlices() {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("derive parts: %w", err)
		}
		if s.Maps[MapRegions].SliceState(k) == volume.Annotated && s.Maps[MapParts].SliceState(k) == volume.Annotated {
			out[k] = s.deriveParts(k, lv)
		}
	}
	return out, nil
}

// ApplyParts writes proposed parts (per slice) as one undo step, through
// protection and locks like any tool.
func (s *Session) ApplyParts(name string, proposal map[int][]uint8) (int, error) {
	if err := s.Begin(name); err != nil {
		return 0, err
	}
	n := 0
	per := s.Image.Dims[0] * s.Image.Dims[1]
	for k, vals := range proposal {
		base := k * per
		for i, v := range vals {
			if v != 0 && s.SetPart(base+i, v) {
				n++
			}
		}
	}
	s.Commit()
	return n, nil
}
