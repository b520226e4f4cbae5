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
// as each result arrives. With a review store, each fresh error count is
// recorded there too (submit and approve go by it), as `qc` does.
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
	do := c.Work.Do
	// Browsing (read-only) writes nothing: no cache file, no counts.
	rv, timeout, readOnly := c.Work.Review(), c.Work.Timeout(), c.Work.ReadOnly
	var storeErr error
	var storeMu sync.Mutex
	record := func(id string, errors int) { // into the review store, as qc does
		if readOnly || rv == nil {
			return
		}
		sctx, done := context.WithTimeout(ctx, timeout)
		err := rv.SetQCErrors(sctx, id, errors)
		done()
		storeMu.Lock()
		if err != nil && storeErr == nil && ctx.Err() == nil {
			storeErr = err
		}
		storeMu.Unlock()
	}
	c.Work.Go(func() func() {
		cfg, err := casework.QCConfig(ds)
		if err != nil {
			return func() { c.say("QC of the data set: " + err.Error()) }
		}
		var cache *qc.Cache // no cache: every case is checked
		if !readOnly {
			cache, _ = qc.OpenCache(ds.Root)
		}
		runCases(ctx, files, cfg, cache, jobs, func(r qc.Report) {
			if ctx.Err() != nil && errors.Is(r.Error, ctx.Err()) {
				return // cancelled, not checked
			}
			counts := QCCounts{Cached: r.Cached}
			if r.Error != nil {
				counts.Err = r.Error.Error()
			} else {
				counts.Errors, counts.Warnings, _ = qc.Count(r.Findings)
				if rv != nil && !r.Cached {
					record(r.ID, counts.Errors)
				}
			}
			do(func() { wl.SetQC(r.ID, counts) })
		})
		if cache != nil && ctx.Err() == nil {
			cache.Save() // a cache not written only costs time next open
		}
		if rv == nil || ctx.Err() != nil {
			return nil
		}
		return func() {
			if storeErr != nil {
				c.say("QC counts not recorded in the review store: " + storeErr.Error())
			}
			if c.Worklist == wl {
				c.refreshWorklist() // its "qc errors" column, now recorded
			}
		}
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
