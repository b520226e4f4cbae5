package qc

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/volume"
)

// Input is what QC reads of a case. A map whose file is missing, or whose
// grid does not fit the image, is nil; its grid (when the file exists) is
// still given for the geometry rule.
type Input struct {
	Image                  *volume.Image
	Regions, Parts         *volume.LabelMap
	RegionsGrid, PartsGrid *volume.Grid
}

// checker runs the rules over one case.
type checker struct {
	in     *Input
	cfg    *Config
	out    []Finding
	maps   [2]*volume.LabelMap
	tables [2]labels.Table
	states [2][]volume.SliceState
	sl     [2]slice
	mm     slice       // foreground-mismatch mask components
	mask   []uint8     // mask buffer
	area   float64     // mm² of one voxel in-plane
	hasLab [2][][]bool // per map, annotated slice index, label: present
}

// Check runs every enabled rule and returns the findings in stable order.
func Check(in *Input, cfg *Config) []Finding {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	c := &checker{in: in, cfg: cfg, maps: [2]*volume.LabelMap{in.Regions, in.Parts},
		tables: [2]labels.Table{labels.Regions, labels.Parts}}
	g := in.Image.Grid
	c.area = g.Spacing[0] * g.Spacing[1]
	c.geometry()
	c.huRange()
	for m, lm := range c.maps {
		if lm != nil {
			c.states[m] = lm.SliceStates()
		}
	}
	c.slices()
	c.continuity()
	c.stride()
	Sort(c.out)
	return c.out
}

var mapNames = [2]string{"regions", "parts"}

func (c *checker) add(rule, mapName string, k, label, i, j int, bbox *[4]int, area float64, msg string) {
	if !c.cfg.on(rule) {
		return
	}
	c.out = append(c.out, Finding{Rule: rule, Severity: c.cfg.Severity[rule], Map: mapName, Slice: k, Label: label,
		I: i, J: j, BBox: bbox, AreaMM2: math.Round(area*100) / 100, Message: msg})
}

func (c *checker) geometry() {
	for m, g := range []*volume.Grid{c.in.RegionsGrid, c.in.PartsGrid} {
		if g == nil {
			continue
		}
		if err := c.in.Image.SameAs(*g, volume.DefaultTolerance); err != nil {
			c.add(RuleGeometry, mapNames[m], -1, -1, -1, -1, nil, 0,
				fmt.Sprintf("The %s map does not fit the image: %v.", mapNames[m], err))
		}
	}
}

func (c *checker) huRange() {
	low, high := 0, 0
	for _, v := range c.in.Image.Voxels {
		if v < -1024 {
			low++
		} else if v > 3071 {
			high++
		}
	}
	if low+high > 0 {
		c.add(RuleHURange, "image", -1, -1, -1, -1, nil, 0,
			fmt.Sprintf("%d voxels below −1024 HU and %d above 3071 HU.", low, high))
	}
}

// slices runs the per-slice rules.
func (c *checker) slices() {
	g := c.in.Image.Grid
	nx, ny, nz := g.Dims[0], g.Dims[1], g.Dims[2]
	for m := range c.maps {
		c.hasLab[m] = make([][]bool, nz)
	}
	for k := 0; k < nz; k++ {
		ann := [2]bool{}
		for m, lm := range c.maps {
			if lm == nil {
				continue
			}
			switch c.states[m][k] {
			case volume.Mixed:
				c.add(RuleMixedSlice, mapNames[m], k, volume.NotAnnotated, -1, -1, nil, 0,
					fmt.Sprintf("Slice %d of the %s map is partly not annotated (255) and partly labelled.", k, mapNames[m]))
				c.labelValues(m, k)
			case volume.Annotated:
				ann[m] = true
				c.labelValues(m, k)
			}
		}
		if c.maps[0] != nil && c.maps[1] != nil {
			ri, pi := c.states[0][k] == volume.Ignored, c.states[1][k] == volume.Ignored
			if ri != pi {
				which, other := "regions", "parts"
				if pi {
					which, other = other, which
				}
				c.add(RuleIgnoreMismatch, "both", k, -1, -1, -1, nil, 0,
					fmt.Sprintf("Slice %d is not annotated in the %s map but annotated in the %s map.", k, which, other))
			}
		}
		for m := range c.maps {
			if !ann[m] {
				continue
			}
			c.sl[m].label(c.maps[m].Axial(k), nx, ny)
			present := make([]bool, 256)
			for _, cp := range c.sl[m].comps {
				present[cp.Label] = true
			}
			c.hasLab[m][k] = present
			c.components(m, k)
			c.islands(m, k)
		}
		if ann[0] {
			c.enclosed(k)
			c.expectedPresent(k)
		}
		if ann[0] && ann[1] {
			c.foreground(k)
			c.context(k)
		}
		if ann[1] {
			c.laterality(k)
		}
	}
}

func (c *checker) name(m int, l uint8) string {
	if n := c.tables[m].Name(l); n != "" {
		return n
	}
	return fmt.Sprintf("label %d", l)
}

func bbox(cp *Comp) *[4]int { b := cp.BBox; return &b }

func (c *checker) labelValues(m, k int) {
	var h [256]int
	for _, v := range c.maps[m].Axial(k) {
		h[v]++
	}
	var bad []string
	for v, n := range h {
		if n > 0 && !c.tables[m].Defined(uint8(v)) {
			bad = append(bad, fmt.Sprintf("%d (%d voxels)", v, n))
		}
	}
	if len(bad) > 0 {
		c.add(RuleLabelValue, mapNames[m], k, -1, -1, -1, nil, 0,
			fmt.Sprintf("Slice %d of the %s map holds undefined label values: %s.", k, mapNames[m], strings.Join(bad, ", ")))
	}
}

func (c *checker) components(m, k int) {
	s := &c.sl[m]
	count := map[uint8]int{}
	var biggest = map[uint8]int{}
	for i, cp := range s.comps {
		if float64(cp.Area)*c.area >= c.cfg.ComponentsMinArea {
			count[cp.Label]++
			if b, ok := biggest[cp.Label]; !ok || s.comps[b].Area < cp.Area {
				biggest[cp.Label] = i
			}
		}
	}
	for l, n := range count {
		max, ok := c.cfg.MaxComponents[m][l]
		if !ok || n <= max {
			continue
		}
		cp := &s.comps[biggest[l]]
		c.add(RuleComponents, mapNames[m], k, int(l), cp.I, cp.J, bbox(cp), float64(cp.Area)*c.area,
			fmt.Sprintf("Slice %d has %d components of %s (at most %d expected).", k, n, c.name(m, l), max))
	}
}

func (c *checker) islands(m, k int) {
	s := &c.sl[m]
	largest := map[uint8]int{}
	for _, cp := range s.comps {
		largest[cp.Label] = max(largest[cp.Label], cp.Area)
	}
	for i := range s.comps {
		cp := &s.comps[i]
		if cp.Label == 0 {
			continue
		}
		a := float64(cp.Area) * c.area
		if a < c.cfg.IslandMaxArea && float64(largest[cp.Label]) >= c.cfg.IslandRatio*float64(cp.Area) {
			c.add(RuleIsland, mapNames[m], k, int(cp.Label), cp.I, cp.J, bbox(cp), a,
				fmt.Sprintf("A speck of %s (%.1f mm²) on slice %d, far from its main part.", c.name(m, cp.Label), a, k))
		}
	}
}

func (c *checker) enclosed(k int) {
	s := &c.sl[0]
	for i := range s.comps {
		cp := &s.comps[i]
		if cp.Border {
			continue
		}
		if cp.Label == 0 {
			// Background that does not reach the edge: a hole in the body.
			a := float64(cp.Area) * c.area
			c.add(RuleEnclosed, "regions", k, 0, cp.I, cp.J, bbox(cp), a,
				fmt.Sprintf("A hole of background (%.1f mm²) inside the body on slice %d.", a, k))
			continue
		}
		around, ok := s.ring(i)
		if !ok || !c.cfg.Forbidden[Pair{cp.Label, around}] {
			continue
		}
		a := float64(cp.Area) * c.area
		c.add(RuleEnclosed, "regions", k, int(cp.Label), cp.I, cp.J, bbox(cp), a,
			fmt.Sprintf("%s (%.1f mm²) lies wholly inside %s on slice %d.", capital(c.name(0, cp.Label)), a, c.name(0, around), k))
	}
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (c *checker) expectedPresent(k int) {
	p := c.hasLab[0][k]
	body := false
	for l := 1; l < 255; l++ {
		if p[l] {
			body = true
			break
		}
	}
	if !body {
		return
	}
	for _, l := range []uint8{labels.RegionSubcutaneousTissue, labels.RegionMuscle, labels.RegionBones} {
		if !p[l] {
			c.add(RuleExpectedPresent, "regions", k, int(l), -1, -1, nil, 0,
				fmt.Sprintf("Slice %d shows body but no %s.", k, c.name(0, l)))
		}
	}
}

// foreground reports each connected component where "region > 0"
// differs from "part > 0".
func (c *checker) foreground(k int) {
	r, p := c.maps[0].Axial(k), c.maps[1].Axial(k)
	if cap(c.mask) < len(r) {
		c.mask = make([]uint8, len(r))
	}
	mask := c.mask[:len(r)]
	any := false
	for i := range r {
		mask[i] = 0
		if (r[i] > 0) != (p[i] > 0) {
			mask[i] = 1
			any = true
		}
	}
	if !any {
		return
	}
	g := c.in.Image.Grid
	c.mm.label(mask, g.Dims[0], g.Dims[1])
	for i := range c.mm.comps {
		cp := &c.mm.comps[i]
		if cp.Label != 1 {
			continue
		}
		a := float64(cp.Area) * c.area
		idx := cp.J*g.Dims[0] + cp.I
		what := fmt.Sprintf("region %s but part background", c.name(0, r[idx]))
		if r[idx] == 0 {
			what = fmt.Sprintf("part %s but region background", c.name(1, p[idx]))
		}
		c.add(RuleForegroundMismatch, "both", k, -1, cp.I, cp.J, bbox(cp), a,
			fmt.Sprintf("%d voxels (%.1f mm²) on slice %d are body in one map only (%s).", cp.Area, a, k, what))
	}
}

// context reports region labels inside body parts where they cannot be.
func (c *checker) context(k int) {
	r, p := c.maps[0].Axial(k), c.maps[1].Axial(k)
	type key struct{ region, part uint8 }
	first := map[key]int{}
	count := map[key]int{}
	for i := range r {
		rv, pv := r[i], p[i]
		if rv == 0 || pv == 0 || !wrongPart(rv, pv) {
			continue
		}
		kk := key{rv, pv}
		if count[kk] == 0 {
			first[kk] = i
		}
		count[kk]++
	}
	nx := c.in.Image.Dims[0]
	for kk, n := range count {
		i := first[kk]
		a := float64(n) * c.area
		c.add(RuleContext, "both", k, int(kk.region), i%nx, i/nx, nil, a,
			fmt.Sprintf("%d voxels of %s lie in the %s on slice %d.", n, c.name(0, kk.region), c.name(1, kk.part), k))
	}
}

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
	g := c.in.Image.Grid
	worldX := func(i, j float64) float64 { return g.World(i, j, float64(k))[0] }
	centre := map[uint8][3]float64{} // sum x, count
	for i := range s.comps {
		cp := &s.comps[i]
		ci, cj := cp.Centroid()
		v := centre[cp.Label]
		v[0] += worldX(ci, cj) * float64(cp.Area)
		v[1] += float64(cp.Area)
		centre[cp.Label] = v
	}
	mean := func(l uint8) (float64, bool) {
		v, ok := centre[l]
		if !ok || v[1] == 0 {
			return 0, false
		}
		return v[0] / v[1], true
	}
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
		rx, ok := mean(ref)
		if !ok {
			continue
		}
		ci, cj := cp.Centroid()
		x := worldX(ci, cj)
		if right == (x > rx) {
			continue
		}
		side := "left"
		if right {
			side = "right"
		}
		a := float64(cp.Area) * c.area
		c.add(RuleLaterality, "parts", k, int(cp.Label), cp.I, cp.J, bbox(cp), a,
			fmt.Sprintf("A component labelled %s on slice %d lies on the patient's %s of the %s.", c.name(1, cp.Label), k, opposite(side), c.name(1, ref)))
	}
}

func opposite(s string) string {
	if s == "left" {
		return "right"
	}
	return "left"
}

// annotated lists the axial slices annotated in the regions map (or the
// parts map without regions).
func (c *checker) annotated() []int {
	m := 0
	if c.maps[0] == nil {
		m = 1
	}
	var ks []int
	for k, st := range c.states[m] {
		if st == volume.Annotated {
			ks = append(ks, k)
		}
	}
	return ks
}

// strideOf is the median spacing of annotated slices.
func strideOf(ks []int) int {
	if len(ks) < 2 {
		return 0
	}
	d := make([]int, len(ks)-1)
	for i := range d {
		d[i] = ks[i+1] - ks[i]
	}
	sort.Ints(d)
	return d[(len(d)-1)/2]
}

func (c *checker) continuity() {
	ks := c.annotated()
	st := strideOf(ks)
	if st == 0 {
		return
	}
	limit := int(c.cfg.ContinuityStrides * float64(st))
	for m := range c.maps {
		if c.maps[m] == nil {
			continue
		}
		for x := 1; x+1 < len(ks); x++ {
			prev, k, next := ks[x-1], ks[x], ks[x+1]
			hp, hk, hn := c.hasLab[m][prev], c.hasLab[m][k], c.hasLab[m][next]
			if hp == nil || hk == nil || hn == nil || k-prev > limit || next-k > limit {
				continue
			}
			for l := 1; l < 255; l++ {
				if m == 0 && !c.cfg.ContinuityRegions[uint8(l)] || m == 1 && c.tables[1].Name(uint8(l)) == "" {
					continue
				}
				if hp[l] && hn[l] && !hk[l] {
					c.add(RuleContinuity, mapNames[m], k, l, -1, -1, nil, 0,
						fmt.Sprintf("%s is on slices %d and %d but missing on slice %d between them.", capital(c.name(m, uint8(l))), prev, next, k))
				}
			}
		}
	}
}

func (c *checker) stride() {
	ks := c.annotated()
	st := strideOf(ks)
	if st == 0 {
		return
	}
	have := map[int]bool{}
	for _, k := range ks {
		have[k] = true
	}
	m := 0
	if c.maps[0] == nil {
		m = 1
	}
	for k := ks[0]; k <= ks[len(ks)-1]; k += st {
		if !have[k] && c.states[m][k] == volume.Ignored {
			c.add(RuleStride, mapNames[m], k, -1, -1, -1, nil, 0,
				fmt.Sprintf("Slice %d lies on the annotation grid (every %d slices) but is not annotated.", k, st))
		}
	}
}
