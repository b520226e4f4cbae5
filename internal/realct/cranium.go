// Package realct builds realistic QC and editing fixtures at test time from
// the real head CT that Debian's invesalius-examples package ships
// (Cranium.inv3, GPL-2: it is read from the installed package and never
// copied into the repository): the CT itself, a machine-like sparse
// proposal of both label maps (Propose), the same proposal with known
// defects of every QC rule's kind (Inject), and a 512×512×110 whole-body-
// sized image tiled from the head (Large) for speed measurements.
package realct

import (
	"archive/tar"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strconv"
	"sync"

	"github.com/saros-review/saros-review/volume"
)

// CraniumPath is where Debian's invesalius-examples installs the head CT.
const CraniumPath = "/usr/share/doc/invesalius-examples/examples/Cranium.inv3"

// ErrMissing is returned when the invesalius-examples package is not
// installed (`make deps` installs it).
var ErrMissing = errors.New("the real head CT is missing: install the Debian package invesalius-examples (make deps does)")

var (
	once    sync.Once
	cranium *volume.Image
	loadErr error
)

// Cranium returns the real head CT (256×256×108 int16 HU, 0.957×0.957×1.5
// mm). Its voxel order is LAS: i toward the patient's left, j toward
// anterior (the face is at high j), k toward superior. It is read once per
// process; callers must not change it (Clone what they edit).
func Cranium() (*volume.Image, error) {
	once.Do(func() { cranium, loadErr = readInv3(CraniumPath) })
	return cranium, loadErr
}

var (
	shapeRE   = regexp.MustCompile(`(?s)<key>shape</key>\s*<array>\s*<integer>(\d+)</integer>\s*<integer>(\d+)</integer>\s*<integer>(\d+)</integer>`)
	spacingRE = regexp.MustCompile(`(?s)<key>spacing</key>\s*<array>\s*<real>([0-9.eE+-]+)</real>\s*<real>([0-9.eE+-]+)</real>\s*<real>([0-9.eE+-]+)</real>`)
)

// readInv3 reads an InVesalius 3 project: a gzip tar holding main.plist
// (shape z, y, x and spacing x, y, z) and matrix.dat (raw little-endian
// int16, slice by slice).
func readInv3(p string) (*volume.Image, error) {
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w (%s)", ErrMissing, p)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	tr := tar.NewReader(zr)
	var plist, matrix []byte
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		switch path.Base(h.Name) {
		case "main.plist":
			plist, err = io.ReadAll(io.LimitReader(tr, 1<<20))
		case "matrix.dat":
			if h.Size > 1<<30 {
				return nil, fmt.Errorf("%s: matrix.dat of %d bytes is too big", p, h.Size)
			}
			matrix, err = io.ReadAll(tr)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	sm, sp := shapeRE.FindSubmatch(plist), spacingRE.FindSubmatch(plist)
	if sm == nil || sp == nil || matrix == nil {
		return nil, fmt.Errorf("%s: no main.plist shape and spacing or no matrix.dat", p)
	}
	var dims [3]int
	var spacing [3]float64
	for a := 0; a < 3; a++ {
		dims[2-a], _ = strconv.Atoi(string(sm[a+1]))
		spacing[a], _ = strconv.ParseFloat(string(sp[a+1]), 64)
	}
	n := dims[0] * dims[1] * dims[2]
	if n <= 0 || len(matrix) != 2*n {
		return nil, fmt.Errorf("%s: matrix.dat holds %d bytes for shape %v", p, len(matrix), dims)
	}
	g := volume.Grid{Dims: dims, Spacing: spacing, Affine: volume.Mat4{
		{-spacing[0], 0, 0, float64(dims[0]-1) / 2 * spacing[0]},
		{0, spacing[1], 0, -float64(dims[1]-1) / 2 * spacing[1]},
		{0, 0, spacing[2], 0},
		{0, 0, 0, 1},
	}}
	im := volume.NewImage(g)
	for i := range im.Voxels {
		im.Voxels[i] = int16(binary.LittleEndian.Uint16(matrix[2*i:]))
	}
	return im, nil
}
