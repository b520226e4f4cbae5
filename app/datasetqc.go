package app

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
)

// QCCounts is what the worklist knows of a case's QC before it is opened.
type QCCounts struct {
	Errors, Warnings int
	Cached           bool   // from the cache: the files are unchanged
	Err              string // why the case could not be checked
}

// datasetQC is the background QC of the open data set.
type datasetQC struct {
	cancel context.CancelFunc
}

// startDatasetQC checks every case of data set folder ds in the background with one
// worker a core (cancellable: a new data set or Shutdown ends it), the
// cache making unchanged cases free, and fills the worklist's QC columns
// as each result arrives.
func (c *Controller) startDatasetQC(ds *store.Dataset) {
	c.stopDatasetQC()
	if ds == nil || ds.Kind != store.DatasetFolder || len(ds.Cases) == 0 {
		return // one case (no worklist): QC on opening checks it
	}
	wl := c.Worklist
	ctx, cancel := context.WithCancel(context.Background())
	c.dsQC = &datasetQC{cancel: cancel}
	files := make([]qc.CaseFiles, len(ds.Cases))
	for i, k := range ds.Cases {
		files[i] = qc.CaseFiles{ID: k.ID, Image: k.Image, Regions: k.Regions, Parts: k.Parts}
	}
	jobs := runtime.NumCPU()
	do := c.do
	c.Work.Go(func() func() {
		cfg, err := casework.QCConfig(ds)
		if err != nil {
			return func() { c.say("QC of the data set: " + err.Error()) }
		}
		cache, _ := qc.OpenCache(ds.Root) // no cache: every case is checked
		runCases(ctx, files, cfg, cache, jobs, func(r qc.Report) {
			if ctx.Err() != nil && errors.Is(r.Error, ctx.Err()) {
				return // cancelled, not checked
			}
			counts := QCCounts{Cached: r.Cached}
			if r.Error != nil {
				counts.Err = r.Error.Error()
			} else {
				counts.Errors, counts.Warnings, _ = qc.Count(r.Findings)
			}
			do(func() { wl.SetQC(r.ID, counts) })
		})
		if cache != nil && ctx.Err() == nil {
			cache.Save() // a cache not written only costs time next open
		}
		return nil
	})
}

// runCases runs qc.Run one case at a time on jobs workers, handing each
// report to got as soon as it is ready (got may be called concurrently).
// Cases not started when ctx ends are skipped.
func runCases(ctx context.Context, files []qc.CaseFiles, cfg *qc.Config, cache *qc.Cache, jobs int, got func(qc.Report)) {
	next := make(chan qc.CaseFiles)
	var wg sync.WaitGroup
	for w := 0; w < max(1, jobs); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				got(qc.Run(ctx, []qc.CaseFiles{f}, cfg, cache, 1, nil)[0])
			}
		}()
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		next <- f
	}
	close(next)
	wg.Wait()
}

// stopDatasetQC cancels the background QC of the data set, if any.
func (c *Controller) stopDatasetQC() {
	if c.dsQC != nil {
		c.dsQC.cancel()
		c.dsQC = nil
	}
}
