package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// LoadImageFirst is LoadContext for a screen that wants to show the CT as
// soon as it can: the image is read first, with the machine to itself;
// then the label maps are read on a goroutine of their own while
// imageReady (when not nil) is called with the image, so the first
// picture is drawn while the maps load. imageReady's Loaded has Image and
// ImageHeader set and the maps nil; it must not keep the pointer past the
// call (LoadImageFirst goes on filling it). Both are called on loading
// goroutines: progress one call at a time, imageReady once, possibly
// while the maps' progress is reported. The result and the errors are
// those of LoadContext.
func (c *Case) LoadImageFirst(ctx context.Context, progress Progress, imageReady func(*Loaded)) (*Loaded, error) {
	if c.Image == "" {
		return nil, fmt.Errorf("open %s: no %s", c.ID, ImageFile)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("open %s: %w", c.ID, err)
	}
	sizes := fileSizes(c.Image, c.Regions, c.Parts)
	var total int64
	for _, s := range sizes {
		total += s
	}
	var mu sync.Mutex // serialises progress
	done := make([]int64, len(sizes))
	step := func(i int) nifti.Progress {
		if progress == nil {
			return nil
		}
		return func(d, _ int64) {
			mu.Lock()
			defer mu.Unlock()
			done[i] = d
			var sum int64
			for _, x := range done {
				sum += x
			}
			progress(sum, total)
		}
	}

	type labelled struct {
		lm  *volume.LabelMap
		hdr *nifti.Header
		err error
	}
	l := &Loaded{Case: c}
	var err error
	l.Image, l.ImageHeader, err = nifti.LoadImage(c.Image, step(0))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", c.ID, err)
	}
	maps := [2]labelled{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, path := range []string{c.Regions, c.Parts} {
			if path == "" {
				continue
			}
			if err := ctx.Err(); err != nil {
				maps[i].err = err
				return
			}
			maps[i].lm, maps[i].hdr, maps[i].err = nifti.LoadLabels(path, step(i+1))
			if maps[i].err != nil {
				return
			}
		}
	}()
	if imageReady != nil {
		imageReady(l)
	}
	wg.Wait()
	for i, path := range []string{c.Regions, c.Parts} {
		m := maps[i]
		if m.err != nil {
			return nil, fmt.Errorf("open %s: %w", c.ID, m.err)
		}
		if path == "" {
			continue
		}
		if err := l.Image.SameAs(m.lm.Grid, volume.DefaultTolerance); err != nil {
			return nil, fmt.Errorf("open %s/%s: %v of the image", c.ID, filepath.Base(path), err)
		}
	}
	l.Regions, l.RegionsHeader = maps[0].lm, maps[0].hdr
	l.Parts, l.PartsHeader = maps[1].lm, maps[1].hdr
	if progress != nil {
		progress(total, total)
	}
	return l, nil
}
