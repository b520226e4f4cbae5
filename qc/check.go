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
//
// Image may be nil when no enabled rule reads image voxels (see
// NeedsImage); Grid then gives the image's geometry, read from its
// header alone.
type Input struct {
	Image                  *volume.Image
	Grid                   *volume.Grid // the image's grid when Image is nil
	Regions, Parts         *volume.LabelMap
	RegionsGrid, PartsGrid *volume.Grid
	// RegionSlices and PartSlices, when set, are read instead of Regions
	// and Parts: the maps by axial slice, such as a copy of their
	// annotated slices only.
	RegionSlices, PartSlices Slices
}

// Slices is a label map on the image's grid as QC reads it: by axial
// slice. A *volume.LabelMap is one; so is a sparse copy that keeps the
// annotated slices only and gives an all-255 slice for the others.
type Slices interface {
	// Axial is axial slice k's labels, x fastest; QC never changes them.
	Axial(k int) []uint8
	// SliceStates classifies every axial slice.
	SliceStates() []volume.SliceState
}

// sources are the maps QC reads: the Slices when given, else the label
// maps (nil where neither is there).
func (in *Input) sources() [2]Slices {
	var out [2]Slices
	for m, lm := range []*volume.LabelMap{in.Regions, in.Parts} {
		if lm != nil {
			out[m] = lm
		}
	}
	if in.RegionSlices != nil {
		out[0] = in.RegionSlices
	}
	if in.PartSlices != nil {
		out[1] = in.PartSlices
	}
	return out
}

// NeedsImage reports whether an enabled rule of cfg reads image voxels
// (only hu-range does); without it QC needs the image's header alone.
func NeedsImage(cfg *Config) bool {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	return cfg.on(RuleHURange)
}

// checker runs the rules over one case.
type checker struct {
	in     *Input
	cfg    *Config
	grid   volume.Grid
	out    []Finding
	maps   [2]Slices
	tables [2]labels.Table
	states [2][]volume.SliceState
	sl     [2]slice
	mm     slice       // foreground-mismatch mask components
	mask   []uint8     // mask buffer
	area   float64     // mm² of one voxel in-plane
	hasLab [2][][]bool // per map, annotated slice index, label: present

	around   [256][256]bool  // enclosed: labels around each label's specks
	ctxCount [256][256]int32 // context: voxels per region and part
}

// Check runs every enabled rule and returns the findings grouped (one per
// slice, rule, map and label) in the order of Sort. It needs Image or
// Grid; with neither it returns no findings.
func Check(in *Input, cfg *Config) []Finding {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	c := &checker{in: in, cfg: cfg, maps: in.sources(),
		tables: [2]labels.Table{labels.Regions, labels.Parts}}
	switch {
	case in.Image != nil:
		c.grid = in.Image.Grid
	case in.Grid != nil:
		c.grid = *in.Grid
	default:
		return []Finding{}
	}
	g := c.grid
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

// emit adds one finding for a group of components (nil for a finding
// about the whole case): the largest gives the finding's position.
func (c *checker) emit(rule, mapName string, k, label int, comps []Component, msg string) {
	if !c.cfg.on(rule) {
		return
	}
	f := Finding{Rule: rule, Severity: c.cfg.Severity[rule], Map: mapName, Slice: k, Label: label,
		I: -1, J: -1, Message: msg, Count: len(comps), Components: comps}
	if comps == nil {
		f.Components = []Component{}
	}
	sort.SliceStable(comps, func(a, b int) bool {
		x, y := comps[a], comps[b]
		if x.AreaMM2 != y.AreaMM2 {
			return x.AreaMM2 > y.AreaMM2
		}
		if x.J != y.J {
			return x.J < y.J
		}
		return x.I < y.I
	})
	total := 0.0
	for _, cp := range comps {
		total += cp.AreaMM2
	}
	f.TotalAreaMM2 = round2(total)
	if len(comps) > 0 {
		b := comps[0].BBox
		f.I, f.J, f.BBox, f.AreaMM2 = comps[0].I, comps[0].J, &b, comps[0].AreaMM2
	}
	c.out = append(c.out, f)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// comp describes a component of the slice labelling.
func (c *checker) comp(cp *Comp) Component {
	return Component{I: cp.I, J: cp.J, BBox: cp.BBox, AreaMM2: round2(float64(cp.Area) * c.area)}
}

// areaOf is the area of the components in mm².
func areaOf(comps []Component) float64 {
	a := 0.0
	for _, cp := range comps {
		a += cp.AreaMM2
	}
	return a
}

// whole is a component covering the whole slice, located at its centre,
// with no area (for slice-level findings such as stride).
func (c *checker) whole() []Component {
	nx, ny := c.grid.Dims[0], c.grid.Dims[1]
	return []Component{{I: nx / 2, J: ny / 2, BBox: [4]int{0, 0, nx - 1, ny - 1}}}
}

func (c *checker) geometry() {
	for m, g := range []*volume.Grid{c.in.RegionsGrid, c.in.PartsGrid} {
		if g == nil {
			continue
		}
		if err := c.grid.SameAs(*g, volume.DefaultTolerance); err != nil {
			c.emit(RuleGeometry, mapNames[m], -1, -1, nil,
				fmt.Sprintf("The %s map does not fit the image: %v.", mapNames[m], err))
		}
	}
}

func (c *checker) huRange() {
	if c.in.Image != nil {
		c.out = append(c.out, HURange(c.in.Image, c.cfg)...)
	}
}

// HURange runs the hu-range rule alone (nothing when it is off), for
// callers that read the image while the label rules run: its finding
// joins Check's with Sort.
func HURange(im *volume.Image, cfg *Config) []Finding {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	if !cfg.on(RuleHURange) {
		return nil
	}
	low, high := huCount(im.Voxels)
	if low+high == 0 {
		return nil
	}
	return []Finding{{Rule: RuleHURange, Severity: cfg.Severity[RuleHURange], Map: "image", Slice: -1, Label: -1, I: -1, J: -1,
		Components: []Component{}, Message: fmt.Sprintf("%d voxels below −1024 HU and %d above 3071 HU.", low, high)}}
}

// slices runs the per-slice rules.
func (c *checker) slices() {
	g := c.grid
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
				c.mixed(m, k)
				c.labelValues(m, k)
			case volume.Annotated:
				ann[m] = true // label values: from the components below
			}
		}
		if c.maps[0] != nil && c.maps[1] != nil {
			ri, pi := c.states[0][k] == volume.Ignored, c.states[1][k] == volume.Ignored
			if ri != pi {
				which, other := "regions", "parts"
				if pi {
					which, other = other, which
				}
				c.emit(RuleIgnoreMismatch, "both", k, -1, c.whole(),
					fmt.Sprintf("Slice %d is not annotated in the %s map but annotated in the %s map.", k, which, other))
			}
		}
		for m := range c.maps {
			if !ann[m] {
				continue
			}
			c.sl[m].label(c.maps[m].Axial(k), nx, ny)
			present := make([]bool, 256)
			undefined := false
			for _, cp := range c.sl[m].comps {
				present[cp.Label] = true
				undefined = undefined || !c.tables[m].Defined(cp.Label)
			}
			if undefined {
				c.labelValues(m, k)
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

// boxOf returns the first voxel (row by row), the box and the count of
// the voxels of a slice for which in is true.
func boxOf(vals []uint8, nx int, in func(v uint8) bool) (first int, box [4]int, n int) {
	first = -1
	box = [4]int{nx, len(vals), -1, -1}
	for idx, v := range vals {
		if !in(v) {
			continue
		}
		if first < 0 {
			first = idx
		}
		n++
		i, j := idx%nx, idx/nx
		box[0], box[1], box[2], box[3] = min(box[0], i), min(box[1], j), max(box[2], i), max(box[3], j)
	}
	return first, box, n
}

// labelValues reports undefined label values: one finding per slice,
// one component per bad value (its first voxel and the box of all its
// voxels).
func (c *checker) labelValues(m, k int) {
	vals := c.maps[m].Axial(k)
	var h [256]int
	for _, v := range vals {
		h[v]++
	}
	var bad []string
	var comps []Component
	nx := c.grid.Dims[0]
	for v, n := range h {
		if n == 0 || c.tables[m].Defined(uint8(v)) {
			continue
		}
		bad = append(bad, fmt.Sprintf("%d (%d voxels)", v, n))
		first, box, _ := boxOf(vals, nx, func(x uint8) bool { return x == uint8(v) })
		comps = append(comps, Component{I: first % nx, J: first / nx, BBox: box, AreaMM2: round2(float64(n) * c.area)})
	}
	if len(bad) > 0 {
		c.emit(RuleLabelValue, mapNames[m], k, -1, comps,
			fmt.Sprintf("Slice %d of the %s map holds undefined label values: %s.", k, mapNames[m], strings.Join(bad, ", ")))
	}
}

// mixed reports a slice that is partly 255, located at whichever part is
// smaller (the likely mistake).
func (c *checker) mixed(m, k int) {
	vals := c.maps[m].Axial(k)
	nx := c.grid.Dims[0]
	notAnn := func(v uint8) bool { return v == volume.NotAnnotated }
	first, box, n := boxOf(vals, nx, notAnn)
	what := "not annotated (255)"
	if 2*n > len(vals) {
		first, box, n = boxOf(vals, nx, func(v uint8) bool { return v != volume.NotAnnotated })
		what = "labelled"
	}
	comps := []Component{{I: first % nx, J: first / nx, BBox: box, AreaMM2: round2(float64(n) * c.area)}}
	c.emit(RuleMixedSlice, mapNames[m], k, volume.NotAnnotated, comps,
		fmt.Sprintf("Slice %d of the %s map is partly not annotated (255) and partly labelled (%d voxels %s).", k, mapNames[m], n, what))
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// plural returns "1 speck" or "n specks".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
