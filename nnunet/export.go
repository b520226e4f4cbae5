package nnunet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/saros-review/saros-review/store"
)

// Result says what Export did.
type Result struct {
	Dir       string   // the data set folder, OUT/DatasetNNN_Name
	Training  int      // nnU-Net training cases (numTraining)
	Test      int      // nnU-Net test cases (imagesTs)
	Written   int      // image and label files written or linked
	Unchanged int      // image and label files left as they were
	Removed   int      // files of an earlier export no longer produced
	Skipped   []string // SAROS cases not exported, with the reason
	// NoFold lists training cases whose CSV split is not fold-1…fold-5:
	// they train in every fold of splits_final.json.
	NoFold []string
	// UnknownSplit lists cases whose CSV split is none of test,
	// fold-1…fold-5, train or empty ("case_003: \"fold-6\""): they are
	// training cases in every fold.
	UnknownSplit []string
	// DatasetJSON says which keys of an existing dataset.json were kept
	// (keys the export does not write) and which of its own it replaced.
	DatasetJSON DatasetJSONChange
}

// caseResult is what exporting one SAROS case produced.
type caseResult struct {
	entry            manifestCase
	skip             string
	written, unchang int
}

// Export writes the nnU-Net v2 raw data set of ds into
// out/DatasetNNN_Name. A case is skipped (and named in the result) when it
// has no image or map, the map does not fit the image, or it holds values
// that are not labels. Cases whose sources did not change since the last
// export into the same folder are left alone; files of cases that are gone
// are removed. A folder that exists, is not empty and was not written by
// Export is refused unless o.Force.
func Export(ds *store.Dataset, out string, o Options) (*Result, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("nnU-Net export: the output %s is not a folder", out)
	}
	if err := outsideDataset(ds.Root, out); err != nil {
		return nil, err
	}
	dir := filepath.Join(out, FolderName(o.ID, o.Name))
	if err := outsideDataset(ds.Root, dir); err != nil { // dir a symbolic link into the data set
		return nil, err
	}
	if err := sameIDElsewhere(out, o.ID, filepath.Base(dir)); err != nil {
		return nil, err
	}
	prev, err := openTarget(dir, o.Force)
	if err != nil {
		return nil, err
	}
	if prev.Map != "" && (prev.Map != o.Map || prev.Mode != string(o.Mode)) && !o.Force {
		return nil, fmt.Errorf("nnU-Net export: %s holds an export of %s %s; exporting %s %s there would replace it: give --force to do so, or another --id and --name",
			dir, prev.Map, prev.Mode, o.Map, o.Mode)
	}
	for _, sub := range caseFolders {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("nnU-Net export: %w", err)
		}
	}
	if err := checkCaseFolders(dir); err != nil {
		return nil, err
	}
	if err := checkMetaFiles(dir); err != nil {
		return nil, err
	}
	// A manifest before any case file: an interrupted export is still ours.
	if err := writeManifest(dir, prev); err != nil {
		return nil, err
	}
	table, _ := Table(o.Map)
	owned, err := readJournal(dir)
	if err != nil {
		return nil, err
	}
	for _, pc := range prev.Cases {
		for _, f := range pc.Files {
			owned[f] = true
		}
	}
	jr, err := openJournal(dir)
	if err != nil {
		return nil, err
	}
	completed := false
	defer func() { jr.finish(dir, completed) }()
	ex := &exporter{dir: dir, opt: o, table: table, ignore: IgnoreLabel(table), owned: owned, journal: jr}
	res := make([]caseResult, len(ds.Cases))
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := make(chan int)
	done := 0
	for w := 0; w < min(o.Jobs, max(len(ds.Cases), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res[i] = ex.exportCase(ds.Cases[i], prev.Cases[ds.Cases[i].ID])
				mu.Lock()
				done++
				if o.Progress != nil {
					o.Progress(done, len(ds.Cases))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range ds.Cases {
		next <- i
	}
	close(next)
	wg.Wait()

	r := &Result{Dir: dir}
	man := manifest{Program: manifestProgram, Map: o.Map, Mode: string(o.Mode), Cases: map[string]manifestCase{}}
	keep := map[string]bool{}
	var folds [5][]string
	var train []string
	for i, c := range ds.Cases {
		cr := res[i]
		r.Written += cr.written
		r.Unchanged += cr.unchang
		if cr.skip != "" {
			r.Skipped = append(r.Skipped, c.ID+": "+cr.skip)
			continue
		}
		man.Cases[c.ID] = cr.entry
		for _, f := range cr.entry.Files {
			keep[f] = true
		}
		if cr.entry.Test {
			r.Test += len(cr.entry.IDs)
			continue
		}
		r.Training += len(cr.entry.IDs)
		train = append(train, cr.entry.IDs...)
		kind, f := parseSplit(c.Split())
		if kind == splitUnknown {
			r.UnknownSplit = append(r.UnknownSplit, fmt.Sprintf("%s: %q", c.ID, c.Split()))
		}
		if f >= 0 {
			folds[f] = append(folds[f], cr.entry.IDs...)
		} else {
			r.NoFold = append(r.NoFold, c.ID)
		}
	}
	for _, pc := range prev.Cases {
		for _, f := range pc.Files {
			if !keep[f] {
				if err := os.Remove(filepath.Join(dir, filepath.FromSlash(f))); err == nil {
					r.Removed++
				} else if !errors.Is(err, os.ErrNotExist) {
					return r, fmt.Errorf("nnU-Net export: remove stale %s: %w", f, err)
				}
			}
		}
	}
	dj, change, err := mergeDatasetJSON(filepath.Join(dir, "dataset.json"), datasetJSON(o, table, ex.ignore, r.Training))
	if err != nil {
		return r, err
	}
	r.DatasetJSON = change
	if err := writeBytesIfChanged(filepath.Join(dir, "dataset.json"), dj); err != nil {
		return r, err
	}
	sp := filepath.Join(dir, "splits_final.json")
	if s := splits(train, folds); s != nil {
		if err := writeJSONIfChanged(sp, s); err != nil {
			return r, err
		}
	} else if err := os.Remove(sp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return r, fmt.Errorf("nnU-Net export: %w", err)
	}
	sort.Strings(r.Skipped)
	if err := writeManifest(dir, &man); err != nil {
		return r, err
	}
	completed = true
	return r, nil
}

// sameIDElsewhere refuses a data set id that another DatasetNNN_* folder
// of out already has: nnU-Net stops with "More than one dataset name
// found for dataset id".
func sameIDElsewhere(out string, id int, self string) error {
	entries, err := os.ReadDir(out)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("nnU-Net export: %w", err)
	}
	prefix := fmt.Sprintf("Dataset%03d_", id)
	for _, e := range entries {
		if e.IsDir() && e.Name() != self && strings.HasPrefix(e.Name(), prefix) {
			return fmt.Errorf("nnU-Net export: %s already has data set id %d (%s); nnU-Net refuses two data sets with one id: give another --id", out, id, e.Name())
		}
	}
	return nil
}

// split is one fold of splits_final.json.
type split struct {
	Train []string `json:"train"`
	Val   []string `json:"val"`
}

// splits makes nnU-Net's five folds from the CSV's folds: fold n validates
// on the cases of fold-n and trains on every other training case. It
// returns nil when no case has a fold (nnU-Net then draws its own).
func splits(train []string, folds [5][]string) []split {
	any := false
	for _, f := range folds {
		any = any || len(f) > 0
	}
	if !any {
		return nil
	}
	sort.Strings(train)
	out := make([]split, 5)
	for n := range folds {
		val := map[string]bool{}
		for _, id := range folds[n] {
			val[id] = true
		}
		out[n].Val = append([]string{}, folds[n]...)
		sort.Strings(out[n].Val)
		out[n].Train = []string{}
		for _, id := range train {
			if !val[id] {
				out[n].Train = append(out[n].Train, id)
			}
		}
	}
	return out
}
