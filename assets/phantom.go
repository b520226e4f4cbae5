// Package assets holds what SAROS Review ships inside its binary: the
// procedural demo phantom now, icons and colour tables later. It never
// imports a GUI toolkit; the app wraps what it needs.
package assets

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"github.com/saros-review/saros-review/volume"
)

// PhantomConfig sets the grid and the seed of a phantom. The anatomy always
// spans the whole field of view, whatever the grid.
type PhantomConfig struct {
	Dims    [3]int
	Spacing [3]float64 // mm
	Seed    uint64
}

// DemoConfig is the built-in demo case: 256×256×100 voxels of 1.5×1.5×5 mm.
var DemoConfig = PhantomConfig{Dims: [3]int{256, 256, 100}, Spacing: [3]float64{1.5, 1.5, 5}, Seed: 1}

// Defect kinds the phantom's proposal label maps carry.
const (
	DefectBoneSpeck          = "bone-speck"          // bones label inside the abdominal cavity
	DefectForegroundMismatch = "foreground-mismatch" // parts background where regions has body
	DefectMissedStructure    = "missed-structure"    // spinal cord labelled as bones
	DefectMislabelledArm     = "mislabelled-arm"     // right arm labelled left arm
)

// Defect is one deliberate error of the proposal maps, for tests and demos.
type Defect struct {
	Kind  string `json:"kind"`
	Map   string `json:"map"`   // "regions", "parts" or "both"
	Slice int    `json:"slice"` // axial slice k
	I     int    `json:"i"`     // a voxel inside the defect
	J     int    `json:"j"`
	Label uint8  `json:"label"` // the label concerned
}

// Phantom is a synthetic CT case: the image, the proposal label maps
// (sparse: annotated every fifth slice, 255 elsewhere) and their defects.
type Phantom struct {
	Image   *volume.Image
	Regions *volume.LabelMap
	Parts   *volume.LabelMap
	Defects []Defect
}

// anatomy is the per-case variation drawn from the seed.
type anatomy struct {
	s                float64 // mm per reference mm (the reference FOV is 500 mm)
	width, depth     float64 // torso semi-axes, reference mm
	fat              float64 // subcutaneous fat thickness, reference mm
	armGap           float64 // air between torso and arms, reference mm
	seed             uint64
	firstAnnotated   int
	speck, mismatch  int // slices carrying defects
	missed, wrongArm int
}

// NewPhantom builds a phantom. The same config always gives the same voxels.
func NewPhantom(cfg PhantomConfig) (*Phantom, error) {
	g, err := phantomGrid(cfg)
	if err != nil {
		return nil, err
	}
	rnd := rand.New(rand.NewPCG(cfg.Seed, 0x5a805))
	fov := math.Min(float64(cfg.Dims[0])*cfg.Spacing[0], float64(cfg.Dims[1])*cfg.Spacing[1])
	an := &anatomy{
		s:     fov / 500,
		width: 150 * (0.94 + 0.1*rnd.Float64()), depth: 105 * (0.92 + 0.14*rnd.Float64()),
		fat: 12 + 12*rnd.Float64(), armGap: 12 + 10*rnd.Float64(),
		seed: cfg.Seed, firstAnnotated: int(cfg.Seed % 5),
	}
	nz := cfg.Dims[2]
	if err := an.pickDefects(rnd, nz); err != nil {
		return nil, err
	}
	p := &Phantom{Image: volume.NewImage(g), Regions: volume.NewLabelMap(g), Parts: volume.NewLabelMap(g)}
	var mu sync.Mutex
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newCanvas(cfg.Dims[0], cfg.Dims[1],
				-float64(cfg.Dims[0]-1)/2*cfg.Spacing[0], -float64(cfg.Dims[1]-1)/2*cfg.Spacing[1],
				cfg.Spacing[0], cfg.Spacing[1])
			for k := range next {
				ds := an.slice(c, k, nz)
				p.store(c, k, an.annotated(k))
				if len(ds) > 0 {
					mu.Lock()
					p.Defects = append(p.Defects, ds...)
					mu.Unlock()
				}
			}
		}()
	}
	for k := 0; k < nz; k++ {
		next <- k
	}
	close(next)
	wg.Wait()
	if len(p.Defects) != 4 {
		return nil, fmt.Errorf("phantom: placed %d of 4 defects (grid too small?)", len(p.Defects))
	}
	sortDefects(p.Defects)
	return p, nil
}

// phantomGrid is the LPS grid of the phantom: i toward the patient's left,
// j toward posterior, k toward superior, centred in-plane on the origin.
func phantomGrid(cfg PhantomConfig) (volume.Grid, error) {
	g := volume.Grid{Dims: cfg.Dims, Spacing: cfg.Spacing}
	g.Affine = volume.Mat4{
		{-cfg.Spacing[0], 0, 0, float64(cfg.Dims[0]-1) / 2 * cfg.Spacing[0]},
		{0, -cfg.Spacing[1], 0, float64(cfg.Dims[1]-1) / 2 * cfg.Spacing[1]},
		{0, 0, cfg.Spacing[2], -float64(cfg.Dims[2]) * cfg.Spacing[2] / 2},
		{0, 0, 0, 1},
	}
	if cfg.Dims[0] < 32 || cfg.Dims[1] < 32 || cfg.Dims[2] < 40 {
		return g, fmt.Errorf("phantom: grid %s too small (at least 32×32×40)", volume.FormatDims(cfg.Dims))
	}
	return g, g.Validate()
}

func (an *anatomy) annotated(k int) bool { return k%5 == an.firstAnnotated }

// zn is the reference height (0 = bottom, 500 = top of the field of view)
// of slice k.
func zn(k, nz int) float64 { return (float64(k) + 0.5) * 500 / float64(nz) }

// pickDefects chooses four distinct annotated slices in the zones where
// each defect makes sense.
func (an *anatomy) pickDefects(rnd *rand.Rand, nz int) error {
	used := map[int]bool{}
	pick := func(lo, hi float64) int {
		var ks []int
		for k := 0; k < nz; k++ {
			if z := zn(k, nz); an.annotated(k) && z >= lo && z <= hi && !used[k] {
				ks = append(ks, k)
			}
		}
		if len(ks) == 0 {
			return -1
		}
		k := ks[rnd.IntN(len(ks))]
		used[k] = true
		return k
	}
	an.speck = pick(50, 165)
	an.mismatch = pick(200, 360)
	an.missed = pick(60, 350)
	an.wrongArm = pick(140, 370)
	if an.speck < 0 || an.mismatch < 0 || an.missed < 0 || an.wrongArm < 0 {
		return fmt.Errorf("phantom: %d slices leave no room for the defects", nz)
	}
	return nil
}

// store copies the painted slice into the volumes, adding noise to the
// image and writing labels only on annotated slices.
func (p *Phantom) store(c *canvas, k int, annotated bool) {
	n := c.nx * c.ny
	rnd := rand.New(rand.NewPCG(uint64(k)+1, 0x7e57))
	img := p.Image.Voxels[k*n : (k+1)*n]
	for i, v := range c.hu {
		x := float64(v) + 12*rnd.NormFloat64()
		img[i] = int16(math.Max(-1024, math.Min(3071, math.Round(x))))
	}
	reg, par := p.Regions.Axial(k), p.Parts.Axial(k)
	if !annotated {
		for i := range reg {
			reg[i], par[i] = volume.NotAnnotated, volume.NotAnnotated
		}
		return
	}
	copy(reg, c.region)
	copy(par, c.part)
}

// slice paints slice k and returns the defects it placed there.
func (an *anatomy) slice(c *canvas, k, nz int) []Defect {
	c.reset(-1000)
	z := zn(k, nz)
	rnd := rand.New(rand.NewPCG(an.seed, uint64(k)))
	switch {
	case z < 395:
		an.torso(c, z, rnd)
	case z < 445:
		an.neck(c, z)
	default:
		an.head(c, z)
	}
	return an.defects(c, k, z)
}
