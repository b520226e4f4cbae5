package cli

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/saros-review/saros-review/volume/nifti"
)

// InfoRecord is one line of `saros-review info`.
type InfoRecord struct {
	Path     string        `json:"path"`
	Dims     []int         `json:"dims"`
	Spacing  []float64     `json:"spacing"`
	Affine   [4][4]float64 `json:"affine"`
	Datatype string        `json:"datatype"`
	AxCodes  string        `json:"axcodes"`
	Min      *float64      `json:"min"`
	Max      *float64      `json:"max"`
}

// Info reads a NIfTI file and describes it as nibabel would: shape, zooms,
// best affine, datatype, axis codes and the range of the scaled data.
func Info(path string) (*InfoRecord, error) {
	d, err := nifti.Load(path, nil)
	if err != nil {
		return nil, err
	}
	h := d.Header
	g := h.Grid()
	r := &InfoRecord{Path: path, Datatype: h.Datatype.String(), AxCodes: g.AxCodes(), Affine: g.Affine}
	for a := 0; a < h.NDim() && a < 3; a++ {
		r.Dims = append(r.Dims, g.Dims[a])
		r.Spacing = append(r.Spacing, g.Spacing[a])
	}
	lo, hi := d.Range()
	if !math.IsNaN(lo) {
		r.Min, r.Max = &lo, &hi
	}
	return r, nil
}

func runInfo(env Env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, "saros-review info: no files given\nusage: saros-review info FILE...")
		return 2
	}
	code := 0
	enc := json.NewEncoder(env.Stdout)
	for _, p := range args {
		r, err := Info(p)
		if err != nil {
			fmt.Fprintf(env.Stderr, "saros-review info: %v\n", err)
			code = 2
			continue
		}
		if err := enc.Encode(r); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review info: %s: %v\n", p, err)
			code = 2
		}
	}
	return code
}
