package assets

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/saros-review/saros-review/labels"
)

// Typical HU values of the phantom's tissues.
const (
	huFat      = -100
	huSkin     = 30
	huMuscle   = 55
	huOrgan    = 45
	huLiver    = 62
	huLung     = -860
	huGas      = -850
	huCortical = 750
	huMarrow   = 260
	huCord     = 32
	huBrain    = 36
	huThyroid  = 95
	huGland    = 40
	huParotid  = -10
	huHeart    = 42
	huMedFat   = -80
	huIMAT     = -70
)

// body paints a body outline with skin, subcutaneous fat of the given
// thickness and a muscle layer, sets its part, and returns the inside of
// the muscle layer.
func (an *anatomy) body(c *canvas, e ellipse, part uint8, fat, muscle float64) ellipse {
	s := an.s
	c.fill(e, labels.RegionSubcutaneousTissue, huSkin)
	c.setPart(e, part)
	c.fill(e.inset(2*s), labels.RegionSubcutaneousTissue, huFat)
	m := e.inset((2 + fat) * s)
	c.fill(m, labels.RegionMuscle, huMuscle)
	return m.inset(muscle * s)
}

// imat marbles a muscle layer of the given thickness around inner with
// intermuscular fat: eight thin streaks along the layer, fat HU, still
// labelled muscle (the IMAT of the body-composition tables).
func (an *anatomy) imat(c *canvas, inner ellipse, thickness float64) {
	s := an.s
	mid := ellipse{inner.cx, inner.cy, inner.a + thickness*s/2, inner.b + thickness*s/2, inner.rot}
	for i := 0; i < 8; i++ {
		th := (float64(i) + 0.5) * math.Pi / 4
		sin, cos := math.Sincos(th)
		x, y := mid.a*cos, mid.b*sin // on the layer's midline, in its own frame
		rs, rc := math.Sincos(mid.rot)
		streak := ellipse{mid.cx + rc*x - rs*y, mid.cy + rs*x + rc*y, 6 * s, 1.6 * s, mid.rot + th + math.Pi/2}
		c.shade(streak, huIMAT, labels.RegionMuscle)
	}
}

// torso paints pelvis to shoulders: body wall, abdominal or thoracic
// cavity, spine, ribs and the two arms.
func (an *anatomy) torso(c *canvas, z float64, rnd *rand.Rand) {
	s := an.s
	a, b := an.width, an.depth
	if z > 185 {
		a, b = a*1.05, b*1.08
	}
	if z > 365 { // shoulders narrow toward the neck
		t := (z - 365) / 30
		a, b = a*(1-0.45*t), b*(1-0.3*t)
	}
	t := ellipse{0, 0, a * s, b * s, 0}
	cav := an.body(c, t, labels.PartTorso, an.fat, 14)
	an.imat(c, cav, 14)
	switch {
	case z < 183:
		an.abdomen(c, cav, z, rnd)
	case z < 365:
		an.thorax(c, cav, z)
	default:
		c.fill(cav, labels.RegionMuscle, huMuscle)
	}
	an.spine(c, cav.b+2*s, 1)
	if z >= 120 && z < 385 {
		for _, side := range []float64{-1, 1} {
			part := labels.PartLeftArm
			if side < 0 { // −x is the patient's right in LPS
				part = labels.PartRightArm
			}
			arm := ellipse{side * (a + an.armGap + 36) * s, 10 * s, 36 * s, 40 * s, 0}
			an.body(c, arm, part, 7, 0)
			bone := ellipse{arm.cx, arm.cy, 11 * s, 11 * s, 0}
			c.fill(bone, labels.RegionBones, huCortical)
			c.shade(bone.inset(3*s), huMarrow, labels.RegionBones)
		}
	}
}

func (an *anatomy) abdomen(c *canvas, cav ellipse, z float64, rnd *rand.Rand) {
	s := an.s
	c.fill(cav, labels.RegionAbdominalCavity, huOrgan)
	if z > 110 {
		c.shade(ellipse{-cav.a * 0.45, -0.1 * cav.b, cav.a * 0.55, cav.b * 0.7, 0.3}, huLiver, labels.RegionAbdominalCavity)
	}
	if z > 60 && z < 125 {
		for _, side := range []float64{-1, 1} {
			c.shade(ellipse{side * cav.a * 0.55, cav.b * 0.45, 22 * s, 28 * s, side * 0.4}, 38, labels.RegionAbdominalCavity)
		}
	}
	for n := 0; n < 14; n++ { // visceral fat and bowel gas
		e := ellipse{(rnd.Float64()*1.4 - 0.7) * cav.a, (rnd.Float64()*1.2 - 0.8) * cav.b,
			(4 + 10*rnd.Float64()) * s, (4 + 10*rnd.Float64()) * s, rnd.Float64() * 3}
		hu := float32(-95)
		if n%4 == 0 {
			hu = huGas
		}
		c.shade(e, hu, labels.RegionAbdominalCavity)
	}
	if z < 45 { // iliac wings reaching into the muscle wall
		for _, side := range []float64{-1, 1} {
			wing := ellipse{side * cav.a * 0.85, cav.b * 0.35, 32 * s, 9 * s, side * 0.7}
			c.fill(wing, labels.RegionBones, huCortical)
			c.shade(wing.inset(3*s), huMarrow, labels.RegionBones)
		}
	}
}

func (an *anatomy) thorax(c *canvas, cav ellipse, z float64) {
	s := an.s
	c.fill(cav, labels.RegionThoracicCavity, huLung)
	med := ellipse{0, 0, 34 * s, cav.b * 1.05, 0}
	c.fillIf(med, labels.RegionMediastinum, 35, labels.RegionThoracicCavity)
	c.shade(ellipse{0, -cav.b * 0.5, 20 * s, 12 * s, 0}, huMedFat, labels.RegionMediastinum)
	if z > 195 && z < 300 {
		h := math.Sin((z - 195) / 105 * math.Pi)
		heart := ellipse{18 * s, -20 * s, 50 * s * (0.4 + 0.6*h), 42 * s * (0.4 + 0.6*h), 0.5}
		c.fillIf(heart, labels.RegionPericardium, huMedFat, labels.RegionMediastinum, labels.RegionThoracicCavity)
		c.shade(heart.inset(3*s), huHeart, labels.RegionPericardium)
	}
	if z > 190 {
		mus := cav.inset(-7 * s)
		for n := 0; n < 16; n++ {
			th := math.Pi * (0.15 + 1.7*float64(n)/15)
			if math.Sin(z/11+float64(n)*1.7) < -0.2 || math.Abs(math.Sin(th)-1) < 0.05 {
				continue
			}
			rib := ellipse{mus.cx + mus.a*math.Cos(th), mus.cy + mus.b*math.Sin(th), 7 * s, 4 * s, th + math.Pi/2}
			c.fillIf(rib, labels.RegionBones, huCortical, labels.RegionMuscle, labels.RegionThoracicCavity)
		}
	}
}

// spine paints vertebral body, arch and spinal cord with the arch centred
// at y (mm, posterior), scaled by f.
func (an *anatomy) spine(c *canvas, y float64, f float64) {
	s := an.s * f
	body := ellipse{0, y - 24*s, 16 * s, 14 * s, 0}
	c.fill(body, labels.RegionBones, huCortical)
	c.shade(body.inset(2.5*s), huMarrow, labels.RegionBones)
	arch := ellipse{0, y, 13 * s, 11 * s, 0}
	c.fill(arch, labels.RegionBones, huCortical)
	c.fill(ellipse{0, y, 5.5 * s, 5.5 * s, 0}, labels.RegionSpinalCord, huCord)
}

func (an *anatomy) neck(c *canvas, z float64) {
	s := an.s
	n := ellipse{0, 12 * s, 58 * s, 60 * s, 0}
	an.body(c, n, labels.PartHead, 6, 0)
	an.spine(c, 12*s+30*s, 0.8)
	if z > 398 && z < 428 {
		for _, side := range []float64{-1, 1} {
			c.fill(ellipse{side * 17 * s, -24 * s, 7 * s, 12 * s, side * 0.3}, labels.RegionThyroidGlands, huThyroid)
		}
	}
}

func (an *anatomy) head(c *canvas, z float64) {
	s := an.s
	t := (z - 445) / 55
	h := ellipse{0, 5 * s, (64 + 12*t) * s, (78 + 14*t) * s, 0}
	an.body(c, h, labels.PartHead, 4, 0)
	inner := h.inset(6 * s)
	c.fill(inner, labels.RegionMuscle, huMuscle)
	if z < 470 {
		an.spine(c, 5*s+40*s, 0.7)
	}
	if z < 462 { // mandible
		for n := 0; n < 9; n++ {
			th := math.Pi * (1.1 + 0.8*float64(n)/8)
			jaw := ellipse{inner.a * 0.85 * math.Cos(th), -inner.b*0.2 + inner.b*0.75*math.Sin(th), 6 * s, 5 * s, th}
			c.fillIf(jaw, labels.RegionBones, huCortical, labels.RegionMuscle, labels.RegionSubcutaneousTissue)
		}
	}
	if z > 447 && z < 462 {
		for _, side := range []float64{-1, 1} {
			c.fill(ellipse{side * 30 * s, -28 * s, 10 * s, 8 * s, 0}, labels.RegionSubmandibularGlands, huGland)
		}
	}
	if z > 452 && z < 482 {
		for _, side := range []float64{-1, 1} {
			c.fill(ellipse{side * (inner.a - 14*s), 14 * s, 9 * s, 16 * s, 0}, labels.RegionParotidGlands, huParotid)
		}
	}
	if z >= 470 {
		u := math.Sqrt((z - 468) / 32)
		skull := ellipse{0, 12 * s, inner.a * 0.85 * u, inner.b * 0.8 * u, 0}
		c.fill(skull, labels.RegionBones, huCortical)
		c.fill(skull.inset(6*s), labels.RegionBrain, huBrain)
	}
}

// defects places this slice's deliberate errors in the label canvas.
func (an *anatomy) defects(c *canvas, k int, z float64) []Defect {
	px := func(x, y float64) (int, int) {
		return int(math.Round((x - c.x0) / c.dx)), int(math.Round((y - c.y0) / c.dy))
	}
	var out []Defect
	switch k {
	case an.speck: // a calcified vessel labelled as bone
		i, j := px(0.28*an.width*an.s, -0.35*an.depth*an.s)
		for dj := -1; dj <= 1; dj++ {
			for di := -1; di <= 1; di++ {
				p := (j+dj)*c.nx + i + di
				c.region[p], c.hu[p] = labels.RegionBones, 320
			}
		}
		out = append(out, Defect{DefectBoneSpeck, "regions", k, i, j, labels.RegionBones})
	case an.mismatch: // parts map misses a patch of the anterior body wall
		i0, j0 := px(-12*an.s, -an.depth*1.08*an.s)
		var fi, fj = -1, -1
		for j := j0; j < j0+int(14*an.s/c.dy)+1; j++ {
			for i := i0; i < i0+int(24*an.s/c.dx)+1; i++ {
				if p := j*c.nx + i; c.part[p] != labels.PartBackground {
					c.part[p] = labels.PartBackground
					fi, fj = i, j
				}
			}
		}
		out = append(out, Defect{DefectForegroundMismatch, "both", k, fi, fj, labels.PartTorso})
	case an.missed: // spinal cord not labelled: annotator left the bone
		i, j := c.relabel(c.region, labels.RegionSpinalCord, labels.RegionBones)
		out = append(out, Defect{DefectMissedStructure, "regions", k, i, j, labels.RegionSpinalCord})
	case an.wrongArm: // right arm labelled as left arm
		i, j := c.relabel(c.part, labels.PartRightArm, labels.PartLeftArm)
		out = append(out, Defect{DefectMislabelledArm, "parts", k, i, j, labels.PartRightArm})
	}
	return out
}

// relabel turns every from voxel of slice map m into to and returns the
// position of the last one changed (0, 0 when there was none).
func (c *canvas) relabel(m []uint8, from, to uint8) (i, j int) {
	for p, v := range m {
		if v == from {
			m[p] = to
			i, j = p%c.nx, p/c.nx
		}
	}
	return i, j
}

func sortDefects(ds []Defect) {
	sort.Slice(ds, func(a, b int) bool { return ds[a].Slice < ds[b].Slice })
}
