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
// soon as it can: the label maps are read on a goroutine of their own
// while the image is read, and imageReady (when not nil) is called with
// the image, before the maps are in, as soon as it is decoded; its Loaded
// has Image and ImageHeader set and the maps nil, and it must not keep the
// pointer past the call (LoadImageFirst goes on filling it). imageReady
// and progress are called on the loading goroutines, one call at a time.
// The result and the errors are those of LoadContext.
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
	var mu sync.Mutex // serialises progress and imageReady
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
	maps := [2]labelled{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // one goroutine: the image keeps the other core
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

	l := &Loaded{Case: c}
	var err error
	l.Image, l.ImageHeader, err = nifti.LoadImage(c.Image, step(0))
	if err != nil {
		wg.Wait()
		return nil, fmt.Errorf("open %s: %w", c.ID, err)
	}
	if imageReady != nil {
		mu.Lock()
		imageReady(l)
		mu.Unlock()
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
