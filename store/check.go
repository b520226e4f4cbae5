package store

import (
	"fmt"
	"path/filepath"

	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// check reads the headers of the case's files and records what is missing
// or does not fit the image.
func (c *Case) check() {
	if c.Image == "" {
		c.Problems = append(c.Problems, "missing "+ImageFile)
	}
	if c.Regions == "" {
		c.Problems = append(c.Problems, "missing "+RegionsFile)
	}
	if c.Parts == "" {
		c.Problems = append(c.Problems, "missing "+PartsFile)
	}
	var ig *volume.Grid
	if c.Image != "" {
		h, err := nifti.ReadHeader(c.Image)
		if err != nil {
			c.Problems = append(c.Problems, err.Error())
		} else {
			g := h.Grid()
			ig = &g
		}
	}
	for _, p := range []string{c.Regions, c.Parts} {
		if p == "" {
			continue
		}
		h, err := nifti.ReadHeader(p)
		if err != nil {
			c.Problems = append(c.Problems, err.Error())
			continue
		}
		if !h.Datatype.IsInteger() {
			c.Problems = append(c.Problems, fmt.Sprintf("%s: label map stored as %s, expected an integer type", filepath.Base(p), h.Datatype))
		}
		if ig != nil {
			if err := ig.SameAs(h.Grid(), volume.DefaultTolerance); err != nil {
				c.Problems = append(c.Problems, fmt.Sprintf("%s: %v of the image", filepath.Base(p), err))
			}
		}
	}
}
