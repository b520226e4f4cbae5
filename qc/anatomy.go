package qc

import (
	"fmt"
	"strings"

	"github.com/saros-review/saros-review/labels"
)

// byLabel gathers the components of one slice per label value.
type byLabel [256][]Component

func (b *byLabel) each(f func(l uint8, comps []Component)) {
	for l := range b {
		if len(b[l]) > 0 {
			f(uint8(l), b[l])
		}
	}
}

func (c *checker) components(m, k int) {
	s := &c.sl[m]
	var counted byLabel
	for i := range s.comps {
		cp := &s.comps[i]
		if _, limited := c.cfg.MaxComponents[m][cp.Label]; limited && float64(cp.Area)*c.area >= c.cfg.ComponentsMinArea {
			counted[cp.Label] = append(counted[cp.Label], c.comp(cp))
		}
	}
	counted.each(func(l uint8, comps []Component) {
		max := c.cfg.MaxComponents[m][l]
		if len(comps) <= max {
			return
		}
		c.emit(RuleComponents, mapNames[m], k, int(l), comps,
			fmt.Sprintf("Slice %d has %d components of %s (at most %d expected).", k, len(comps), c.name(m, l), max))
	})
}

func (c *checker) islands(m, k int) {
	s := &c.sl[m]
	var largest [256]int
	for _, cp := range s.comps {
		largest[cp.Label] = max(largest[cp.Label], cp.Area)
	}
	var found byLabel
	for i := range s.comps {
		cp := &s.comps[i]
		if cp.Label == 0 {
			continue
		}
		if float64(cp.Area)*c.area < c.cfg.IslandMaxArea && float64(largest[cp.Label]) >= c.cfg.IslandRatio*float64(cp.Area) {
			found[cp.Label] = append(found[cp.Label], c.comp(cp))
		}
	}
	found.each(func(l uint8, comps []Component) {
		msg := fmt.Sprintf("A speck of %s (%.1f mm²) on slice %d, far from its main part.", c.name(m, l), comps[0].AreaMM2, k)
		if len(comps) > 1 {
			msg = fmt.Sprintf("%d specks of %s (%.1f mm² in all) on slice %d, each far from its main part.", len(comps), c.name(m, l), areaOf(comps), k)
		}
		c.emit(RuleIsland, mapNames[m], k, int(l), comps, msg)
	})
}

func (c *checker) enclosed(k int) {
	s := &c.sl[0]
	var found byLabel
	around := &c.around
	clear(around[:])
	for i := range s.comps {
		cp := &s.comps[i]
		if cp.Border {
			continue
		}
		if cp.Label == 0 {
			// Background that does not reach the edge: a hole in the body.
			found[0] = append(found[0], c.comp(cp))
			continue
		}
		a, ok := s.ring(i)
		if !ok || !c.cfg.Forbidden[Pair{cp.Label, a}] {
			continue
		}
		found[cp.Label] = append(found[cp.Label], c.comp(cp))
		around[cp.Label][a] = true
	}
	found.each(func(l uint8, comps []Component) {
		n, a := len(comps), areaOf(comps)
		var msg string
		switch {
		case l == 0 && n == 1:
			msg = fmt.Sprintf("A hole of background (%.1f mm²) inside the body on slice %d.", a, k)
		case l == 0:
			msg = fmt.Sprintf("%d holes of background (%.1f mm² in all) inside the body on slice %d.", n, a, k)
		default:
			var names []string
			for b, yes := range around[l] {
				if yes {
					names = append(names, c.name(0, uint8(b)))
				}
			}
			if n == 1 {
				msg = fmt.Sprintf("%s (%.1f mm²) lies wholly inside %s on slice %d.", capital(c.name(0, l)), a, names[0], k)
			} else {
				msg = fmt.Sprintf("%d components of %s (%.1f mm² in all) lie wholly inside %s on slice %d.", n, c.name(0, l), a, strings.Join(names, " or "), k)
			}
		}
		c.emit(RuleEnclosed, "regions", k, int(l), comps, msg)
	})
}

// expectedPresent points at the body (the largest body component, with
// no area: the finding is about what is missing).
func (c *checker) expectedPresent(k int) {
	p := c.hasLab[0][k]
	s := &c.sl[0]
	body := -1
	for i := range s.comps {
		if l := s.comps[i].Label; l != 0 && l != 255 && (body < 0 || s.comps[i].Area > s.comps[body].Area) {
			body = i
		}
	}
	if body < 0 {
		return
	}
	at := c.comp(&s.comps[body])
	at.AreaMM2 = 0
	for _, l := range []uint8{labels.RegionSubcutaneousTissue, labels.RegionMuscle, labels.RegionBones} {
		if !p[l] {
			c.emit(RuleExpectedPresent, "regions", k, int(l), []Component{at},
				fmt.Sprintf("Slice %d shows body but no %s.", k, c.name(0, l)))
		}
	}
}

// foreground reports, in one finding per slice, every connected patch
// where "region > 0" differs from "part > 0".
func (c *checker) foreground(k int) {
	r, p := c.maps[0].Axial(k), c.maps[1].Axial(k)
	mask := c.maskBuf(len(r))
	any := false
	for i := range r {
		mask[i] = 0
		if (r[i] > 0) != (p[i] > 0) {
			mask[i] = 1
			any = true
		}
	}
	if !any || !c.cfg.on(RuleForegroundMismatch) {
		return
	}
	nx := c.grid.Dims[0]
	c.mm.label(mask, nx, c.grid.Dims[1])
	var comps []Component
	voxels, big := 0, -1
	for i := range c.mm.comps {
		cp := &c.mm.comps[i]
		if cp.Label != 1 {
			continue
		}
		comps = append(comps, c.comp(cp))
		voxels += cp.Area
		if big < 0 || cp.Area > c.mm.comps[big].Area {
			big = i
		}
	}
	cp := &c.mm.comps[big]
	idx := cp.J*nx + cp.I
	what := fmt.Sprintf("region %s but part background", c.name(0, r[idx]))
	if r[idx] == 0 {
		what = fmt.Sprintf("part %s but region background", c.name(1, p[idx]))
	}
	a := areaOf(comps)
	msg := fmt.Sprintf("%d voxels (%.1f mm²) on slice %d are body in one map only (%s).", voxels, a, k, what)
	if len(comps) > 1 {
		msg = fmt.Sprintf("%d patches, %d voxels (%.1f mm²) in all, on slice %d are body in one map only (the largest: %s).", len(comps), voxels, a, k, what)
	}
	c.emit(RuleForegroundMismatch, "both", k, -1, comps, msg)
}

func (c *checker) maskBuf(n int) []uint8 {
	if cap(c.mask) < n {
		c.mask = make([]uint8, n)
	}
	return c.mask[:n]
}

// context reports region labels inside body parts where they cannot be:
// one finding per region label and slice, one component per connected
// patch of it in a wrong part.
func (c *checker) context(k int) {
	r, p := c.maps[0].Axial(k), c.maps[1].Axial(k)
	mask := c.maskBuf(len(r))
	count := &c.ctxCount
	clear(count[:])
	any := false
	for i := range r {
		mask[i] = 0
		rv, pv := r[i], p[i]
		if !wrongTable[rv][pv] {
			continue
		}
		mask[i] = rv
		count[rv][pv]++
		any = true
	}
	if !any || !c.cfg.on(RuleContext) {
		return
	}
	c.mm.label(mask, c.grid.Dims[0], c.grid.Dims[1])
	var found byLabel
	for i := range c.mm.comps {
		if cp := &c.mm.comps[i]; cp.Label != 0 {
			found[cp.Label] = append(found[cp.Label], c.comp(cp))
		}
	}
	found.each(func(l uint8, comps []Component) {
		var where []string
		total, part := int32(0), uint8(0)
		for pv, n := range count[l] {
			if n > 0 {
				where = append(where, fmt.Sprintf("%d in the %s", n, c.name(1, uint8(pv))))
				total, part = total+n, uint8(pv)
			}
		}
		msg := fmt.Sprintf("%d voxels of %s lie in the %s on slice %d.", total, c.name(0, l), c.name(1, part), k)
		if len(where) > 1 {
			msg = fmt.Sprintf("%d voxels of %s lie in body parts where it cannot be on slice %d (%s).", total, c.name(0, l), k, strings.Join(where, ", "))
		}
		c.emit(RuleContext, "both", k, int(l), comps, msg)
	})
}

// wrongTable[r][p] is wrongPart(r, p) for body voxels (r, p > 0).
var wrongTable = func() (t [256][256]bool) {
	for r := 1; r < 256; r++ {
		for p := 1; p < 256; p++ {
			t[r][p] = wrongPart(uint8(r), uint8(p))
		}
	}
	return t
}()

// wrongPart says whether region r cannot lie in body part p.
func wrongPart(r, p uint8) bool {
	switch r {
	case labels.RegionBrain:
		return p != labels.PartHead
	case labels.RegionAbdominalCavity, labels.RegionThoracicCavity, labels.RegionMediastinum, labels.RegionPericardium:
		return p != labels.PartTorso
	}
	return false
}

// laterality checks each arm and leg component against the torso (arms)
// or the other leg (legs), in world coordinates: RAS x grows to the
// patient's right.
func (c *checker) laterality(k int) {
	s := &c.sl[1]
	g := c.grid
	worldX := func(i, j float64) float64 { return g.World(i, j, float64(k))[0] }
	var centre [256][2]float64 // area-weighted sum of x, area
	for i := range s.comps {
		cp := &s.comps[i]
		ci, cj := cp.Centroid()
		centre[cp.Label][0] += worldX(ci, cj) * float64(cp.Area)
		centre[cp.Label][1] += float64(cp.Area)
	}
	var found byLabel
	var refs [256]uint8
	for i := range s.comps {
		cp := &s.comps[i]
		var ref uint8
		right := false
		switch cp.Label {
		case labels.PartRightArm:
			ref, right = labels.PartTorso, true
		case labels.PartLeftArm:
			ref = labels.PartTorso
		case labels.PartRightLeg:
			ref, right = labels.PartLeftLeg, true
		case labels.PartLeftLeg:
			ref = labels.PartRightLeg
		default:
			continue
		}
		if centre[ref][1] == 0 {
			continue
		}
		rx := centre[ref][0] / centre[ref][1]
		ci, cj := cp.Centroid()
		if right == (worldX(ci, cj) > rx) {
			continue
		}
		found[cp.Label] = append(found[cp.Label], c.comp(cp))
		refs[cp.Label] = ref
	}
	found.each(func(l uint8, comps []Component) {
		side := "right"
		if l == labels.PartRightArm || l == labels.PartRightLeg {
			side = "left"
		}
		what := fmt.Sprintf("A component labelled %s on slice %d lies", c.name(1, l), k)
		if len(comps) > 1 {
			what = fmt.Sprintf("%d components labelled %s on slice %d lie", len(comps), c.name(1, l), k)
		}
		c.emit(RuleLaterality, "parts", k, int(l), comps,
			fmt.Sprintf("%s on the patient's %s of the %s.", what, side, c.name(1, refs[l])))
	})
}
