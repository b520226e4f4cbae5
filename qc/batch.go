package qc

import (
	"context"
	"errors"
	"fmt"

	"github.com/saros-review/saros-review/internal/pool"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// CaseFiles are the files of one case that QC reads ("" when missing).
type CaseFiles struct {
	ID                    string
	Image, Regions, Parts string
}

// ids returns the identities of the case's files, for the cache.
func (f CaseFiles) ids() []FileID {
	return []FileID{StatFile(f.Image), StatFile(f.Regions), StatFile(f.Parts)}
}

// Report is the QC result of one case; Error is set when it could not be
// checked, Cached when the result came from the cache.
type Report struct {
	ID       string
	Findings []Finding
	Error    error
	Cached   bool
}

// ErrNoImage is returned for a case without an image.
var ErrNoImage = errors.New("no image")

// loaded is an image inflating in the background.
type loaded struct {
	im  *volume.Image
	err error
}

// load reads the label maps and the image's header; when an enabled rule
// needs the image's voxels (NeedsImage) they inflate on another core and
// arrive on the channel (always read it when it is not nil).
func load(f CaseFiles, cfg *Config) (*Input, chan loaded, error) {
	if f.Image == "" {
		return nil, nil, fmt.Errorf("%s: %w", f.ID, ErrNoImage)
	}
	h, err := nifti.ReadHeader(f.Image)
	if err != nil {
		return nil, nil, err
	}
	grid := h.Grid()
	in := &Input{Grid: &grid}
	var image chan loaded
	if NeedsImage(cfg) {
		image = make(chan loaded, 1)
		go func() {
			im, _, err := nifti.LoadImage(f.Image, nil)
			image <- loaded{im, err}
		}()
	}
	for _, m := range []struct {
		path string
		grid **volume.Grid
		dst  **volume.LabelMap
	}{{f.Regions, &in.RegionsGrid, &in.Regions}, {f.Parts, &in.PartsGrid, &in.Parts}} {
		if m.path == "" {
			continue
		}
		h, err := nifti.ReadHeader(m.path)
		if err != nil {
			return in, image, err
		}
		g := h.Grid()
		*m.grid = &g
		if grid.SameAs(g, volume.DefaultTolerance) != nil {
			continue // the geometry rule reports it
		}
		lm, _, err := nifti.LoadLabels(m.path, nil)
		if err != nil {
			return in, image, err
		}
		*m.dst = lm
	}
	return in, image, nil
}

// Load reads what QC needs of a case under cfg: each label map whose grid
// fits the image (a map that does not fit is left out but its grid is
// given for the geometry rule), and the image's voxels only when an
// enabled rule reads them; otherwise the image's header alone.
func Load(f CaseFiles, cfg *Config) (*Input, error) {
	in, image, err := load(f, cfg)
	if image != nil {
		r := <-image
		in.Image = r.im
		if err == nil {
			err = r.err
		}
	}
	if err != nil {
		return nil, err
	}
	return in, nil
}

// CheckFiles runs QC on one case from its files: the label rules run
// while the image (when hu-range needs it) inflates on another core.
func CheckFiles(f CaseFiles, cfg *Config) ([]Finding, error) {
	in, image, err := load(f, cfg)
	var fs []Finding
	if err == nil {
		fs = Check(in, cfg)
	}
	if image != nil {
		r := <-image
		if err == nil && r.err != nil {
			err = r.err
		}
		if err == nil {
			fs = append(fs, HURange(r.im, cfg)...)
			Sort(fs)
		}
	}
	return fs, err
}

// Run checks cases on jobs workers (at least one) and returns their
// reports in the cases' order. With a cache, a case whose files and
// rules are unchanged is not read again, and fresh results are stored in
// it (the caller saves it). done, when not nil, is told how many cases
// have finished after each one (its calls never overlap). When ctx ends,
// cases not yet started get ctx's error.
func Run(ctx context.Context, cases []CaseFiles, cfg *Config, cache *Cache, jobs int, done func(finished int)) []Report {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	rules := RulesKey(cfg)
	out := make([]Report, len(cases))
	pool.Each(len(cases), jobs, func(i int) { out[i] = runOne(ctx, cases[i], cfg, cache, rules) }, done)
	return out
}

func runOne(ctx context.Context, f CaseFiles, cfg *Config, cache *Cache, rules string) Report {
	r := Report{ID: f.ID}
	if err := ctx.Err(); err != nil {
		r.Error = err
		return r
	}
	var ids []FileID
	if cache != nil {
		ids = f.ids()
		if fs, ok := cache.Get(f.ID, ids, rules); ok {
			r.Findings, r.Cached = fs, true
			return r
		}
	}
	fs, err := CheckFiles(f, cfg)
	if err != nil {
		r.Error = err
		return r
	}
	r.Findings = fs
	if cache != nil {
		cache.Put(f.ID, ids, rules, fs)
	}
	return r
}
