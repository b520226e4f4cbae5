package cli

import (
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"

	"github.com/saros-review/saros-review/metrics"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

const compareUsage = "usage: saros-review compare A B [--tolerance MM] [--format json|csv|text] [--jobs N]"

// ComparePair is one case to compare: reader A's and reader B's case.
type ComparePair struct{ A, B *store.Case }

// CaseComparison is the comparison of one case; Error is set when the
// case could not be compared.
type CaseComparison struct {
	ID     string
	IDB    string // B's case id when it differs from A's
	Result *metrics.Result
	Error  string
}

func runCompare(env Env, args []string) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	tol := fs.Float64("tolerance", metrics.DefaultTolerance, "NSD tolerance in mm")
	format := fs.String("format", "json", "json, csv or text")
	jobs := fs.Int("jobs", runtime.NumCPU(), "cases compared at once")
	paths, rest := positionals(args, map[string]bool{"--tolerance": true, "-tolerance": true,
		"--format": true, "-format": true, "--jobs": true, "-jobs": true})
	if err := fs.Parse(rest); err != nil || len(paths) != 2 || fs.NArg() > 0 {
		if err != nil {
			fmt.Fprintf(env.Stderr, "saros-review compare: %v\n", err)
		}
		fmt.Fprintln(env.Stderr, compareUsage)
		return 2
	}
	switch {
	case *format != "json" && *format != "csv" && *format != "text":
		fmt.Fprintf(env.Stderr, "saros-review compare: format %q is not json, csv or text\n", *format)
		return 2
	case !(*tol > 0) || math.IsInf(*tol, 0):
		fmt.Fprintf(env.Stderr, "saros-review compare: tolerance %g mm must be a positive number\n", *tol)
		return 2
	}
	if err := checkJobs(*jobs); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review compare: %v\n", err)
		return 2
	}
	pairs, onlyA, onlyB, err := MatchCases(paths[0], paths[1])
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review compare: %v\n", err)
		return 2
	}
	progress, end := progressLine(env, "compare", len(pairs))
	out := CompareCases(pairs, *tol, *jobs, progress)
	end()
	if err := writeComparisons(env.Stdout, out, *tol, onlyA, onlyB, *format); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review compare: %v\n", err)
		return 2
	}
	code := 0
	for _, c := range out {
		if c.Error != "" {
			fmt.Fprintf(env.Stderr, "saros-review compare: could not compare %s: %s\n", c.ID, c.Error)
			code = 2
		}
	}
	return code
}

// MatchCases opens A and B: two cases (compared whatever their ids), or two
// data sets whose cases are paired by id. It also returns the ids found in
// only one data set.
func MatchCases(pathA, pathB string) (pairs []ComparePair, onlyA, onlyB []string, err error) {
	a, err := store.Open(pathA)
	if err != nil {
		return nil, nil, nil, err
	}
	b, err := store.Open(pathB)
	if err != nil {
		return nil, nil, nil, err
	}
	if (a.Kind == store.DatasetFolder) != (b.Kind == store.DatasetFolder) {
		return nil, nil, nil, fmt.Errorf("%s is a %s and %s a %s: compare two cases or two data sets", pathA, a.Kind, pathB, b.Kind)
	}
	if a.Kind != store.DatasetFolder {
		if len(a.Cases) != 1 || len(b.Cases) != 1 {
			return nil, nil, nil, fmt.Errorf("%s, %s: not one case each", pathA, pathB)
		}
		return []ComparePair{{a.Cases[0], b.Cases[0]}}, nil, nil, nil
	}
	byID := map[string]*store.Case{}
	for _, c := range b.Cases {
		byID[c.ID] = c
	}
	for _, c := range a.Cases {
		if cb := byID[c.ID]; cb != nil {
			pairs = append(pairs, ComparePair{c, cb})
			delete(byID, c.ID)
		} else {
			onlyA = append(onlyA, c.ID)
		}
	}
	for _, c := range b.Cases {
		if byID[c.ID] != nil {
			onlyB = append(onlyB, c.ID)
		}
	}
	if len(pairs) == 0 {
		return nil, nil, nil, fmt.Errorf("%s and %s have no case id in common", pathA, pathB)
	}
	return pairs, onlyA, onlyB, nil
}

// CompareCases compares the pairs on jobs workers; results come back in
// the pairs' order and done is told after each.
func CompareCases(pairs []ComparePair, tol float64, jobs int, done func(n int)) []CaseComparison {
	out := make([]CaseComparison, len(pairs))
	eachCase(len(pairs), jobs, func(i int) {
		p := pairs[i]
		c := CaseComparison{ID: p.A.ID}
		if p.B.ID != p.A.ID {
			c.IDB = p.B.ID
		}
		r, err := comparePair(p, tol)
		if err != nil {
			c.Error = err.Error()
		}
		c.Result = r
		out[i] = c
	}, done)
	return out
}

// comparePair loads the label maps of both cases and compares them; a map
// present in one case only, or grids that differ, are errors naming the
// files.
func comparePair(p ComparePair, tol float64) (*metrics.Result, error) {
	var ma, mb metrics.Maps
	n := 0
	for _, m := range []struct {
		name   string
		pa, pb string
		da, db **volume.LabelMap
	}{{store.RegionsFile, p.A.Regions, p.B.Regions, &ma.Regions, &mb.Regions},
		{store.PartsFile, p.A.Parts, p.B.Parts, &ma.Parts, &mb.Parts}} {
		switch {
		case m.pa == "" && m.pb == "":
			continue
		case m.pa == "":
			return nil, fmt.Errorf("%s: no %s to compare with %s", p.A.Dir, m.name, m.pb)
		case m.pb == "":
			return nil, fmt.Errorf("%s: no %s to compare with %s", p.B.Dir, m.name, m.pa)
		}
		la, _, err := nifti.LoadLabels(m.pa, nil)
		if err != nil {
			return nil, err
		}
		lb, _, err := nifti.LoadLabels(m.pb, nil)
		if err != nil {
			return nil, err
		}
		if err := la.Grid.SameAs(lb.Grid, volume.DefaultTolerance); err != nil {
			return nil, fmt.Errorf("%s: %v of %s", m.pb, err, m.pa)
		}
		*m.da, *m.db = la, lb
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("%s, %s: no label maps (%s, %s)", p.A.Dir, p.B.Dir, store.RegionsFile, store.PartsFile)
	}
	r, err := metrics.Compare(ma, mb, tol)
	if err != nil {
		return nil, fmt.Errorf("%s, %s: %w", filepath.Base(p.A.Dir), filepath.Base(p.B.Dir), err)
	}
	return r, nil
}

// positionals splits the arguments into those that are not flags or flag
// values, and the rest.
func positionals(args []string, valued map[string]bool) (pos, rest []string) {
	for i, a := range args {
		if len(a) > 0 && a[0] != '-' && (i == 0 || !valued[args[i-1]]) {
			pos = append(pos, a)
		} else {
			rest = append(rest, a)
		}
	}
	return pos, rest
}
