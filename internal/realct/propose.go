package realct

import (
	"math/rand/v2"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// Stride is the annotation stride of the proposals: every fifth axial
// slice from k = 0, as in SAROS.
const Stride = 5

// Propose makes machine-like proposals of both label maps for im, sparse
// (slices k % Stride == 0 annotated, all others 255), the way a model's
// output looks before anyone corrects it:
//   - body: HU > −400, without the thin head holder (components that fill
//     little of their box), holes filled, skin closed;
//   - bones: HU ≥ 200; brain: what the (closed) skull ring encloses;
//     subcutaneous tissue: the rest of the body in the adipose range;
//     muscle: all other body voxels;
//   - two passes of a 3×3 majority filter (models are smooth), then a few
//     seeded specks of 1 to 3 voxels of a neighbouring label, as models
//     and careless strokes leave them;
//   - parts: head wherever the regions are body, so both maps always have
//     the same foreground.
func Propose(im *volume.Image, seed uint64) (regions, parts *volume.LabelMap) {
	g := im.Grid
	regions, parts = volume.NewLabelMap(g), volume.NewLabelMap(g)
	rnd := rand.New(rand.NewPCG(seed, 14))
	p := plane{g.Dims[0], g.Dims[1]}
	for k := 0; k < g.Dims[2]; k++ {
		r, pa := regions.Axial(k), parts.Axial(k)
		if k%Stride != 0 {
			fill(r, volume.NotAnnotated)
			fill(pa, volume.NotAnnotated)
			continue
		}
		copy(r, proposeSlice(p, im.Axial(k)))
		speckle(p, r, rnd)
		for i, v := range r {
			if v > 0 {
				pa[i] = labels.PartHead
			}
		}
	}
	return regions, parts
}

func fill(s []uint8, v uint8) {
	for i := range s {
		s[i] = v
	}
}

// proposeSlice returns the region labels of one slice of HU values.
func proposeSlice(p plane, hu []int16) []uint8 {
	n := len(hu)
	raw := make([]bool, n)
	for i, v := range hu {
		raw[i] = v > -400
	}
	lab, sizes := p.label(raw)
	box := make([][4]int, len(sizes))
	for c := range box {
		box[c] = [4]int{p.nx, p.ny, -1, -1}
	}
	for i, c := range lab {
		if c >= 0 {
			x, y := i%p.nx, i/p.nx
			b := &box[c]
			b[0], b[1], b[2], b[3] = min(b[0], x), min(b[1], y), max(b[2], x), max(b[3], y)
		}
	}
	largest := 0
	for _, s := range sizes {
		largest = max(largest, s)
	}
	keep := make([]bool, len(sizes))
	for c, s := range sizes {
		b := box[c]
		area := (b[2] - b[0] + 1) * (b[3] - b[1] + 1)
		keep[c] = s >= 30 && 10*s >= largest && float64(s) >= 0.15*float64(area)
	}
	body := make([]bool, n)
	for i, c := range lab {
		body[i] = c >= 0 && keep[c]
	}
	body = p.fillHoles(p.close(body, 1))

	bone := make([]bool, n)
	for i := range hu {
		bone[i] = body[i] && hu[i] >= 200
	}
	brain := brainMask(p, hu, body, bone)
	vals := make([]uint8, n)
	for i := range vals {
		switch {
		case !body[i]:
		case bone[i]:
			vals[i] = labels.RegionBones
		case brain[i]:
			vals[i] = labels.RegionBrain
		case hu[i] >= -190 && hu[i] <= -30:
			vals[i] = labels.RegionSubcutaneousTissue
		default:
			vals[i] = labels.RegionMuscle
		}
	}
	for pass := 0; pass < 2; pass++ {
		vals = p.mode(vals, body)
	}
	return vals
}

// speckle adds up to three specks of 1 to 3 voxels of another body label
// inside the body of an annotated slice.
func speckle(p plane, r []uint8, rnd *rand.Rand) {
	choices := []uint8{labels.RegionSubcutaneousTissue, labels.RegionMuscle, labels.RegionBones}
	for s := rnd.IntN(4); s > 0; s-- {
		for try := 0; try < 50; try++ {
			x, y := 2+rnd.IntN(p.nx-4), 2+rnd.IntN(p.ny-4)
			i := y*p.nx + x
			if r[i] == 0 || r[i] == labels.RegionBrain {
				continue
			}
			v := choices[rnd.IntN(len(choices))]
			if v == r[i] {
				continue
			}
			size := 1 + rnd.IntN(3)
			for d := 0; d < size; d++ {
				if r[i+d] != 0 {
					r[i+d] = v
				}
			}
			break
		}
	}
}

// brainMask finds the brain: soft tissue (−20…100 HU) that survives four
// erosions (the scalp and the face's thin soft tissue do not), grown back
// inside the soft tissue, keeping components of at least 300 voxels whose
// surroundings are mostly bone (the skull).
func brainMask(p plane, hu []int16, body, bone []bool) []bool {
	n := len(hu)
	soft := make([]bool, n)
	for i, v := range hu {
		soft[i] = body[i] && !bone[i] && v >= -20 && v <= 100
	}
	core := soft
	for e := 0; e < 4; e++ {
		core = p.morph(core, false)
	}
	for e := 0; e < 4; e++ {
		core = p.morph(core, true)
		for i := range core {
			core[i] = core[i] && soft[i]
		}
	}
	lab, sizes := p.label(core)
	ring := p.morph(p.morph(p.morph(core, true), true), true)
	boneRing, allRing := make([]int, len(sizes)), make([]int, len(sizes))
	near, _ := p.label(ring)
	_ = near
	// Attribute each ring voxel to the component of a core voxel within
	// three voxels (the first found).
	for y := 0; y < p.ny; y++ {
		for x := 0; x < p.nx; x++ {
			i := y*p.nx + x
			if !ring[i] || core[i] {
				continue
			}
			c := int32(-1)
			for dy := -3; dy <= 3 && c < 0; dy++ {
				for dx := -3; dx <= 3; dx++ {
					xx, yy := x+dx, y+dy
					if xx >= 0 && yy >= 0 && xx < p.nx && yy < p.ny && lab[yy*p.nx+xx] >= 0 {
						c = lab[yy*p.nx+xx]
						break
					}
				}
			}
			if c < 0 {
				continue
			}
			allRing[c]++
			if bone[i] {
				boneRing[c]++
			}
		}
	}
	out := make([]bool, n)
	for i, c := range lab {
		out[i] = c >= 0 && sizes[c] >= 300 && 2*boneRing[c] >= allRing[c]
	}
	return out
}
