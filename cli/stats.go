package cli

import (
	"flag"
	"fmt"
	"io"
	"runtime"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/store"
)

const statsUsage = "usage: saros-review stats PATH [--format json|csv] [--jobs N] [--definitions saros|boa]"

func runStats(env Env, args []string) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "json", "json or csv")
	jobs := fs.Int("jobs", runtime.NumCPU(), "cases measured at once")
	defName := fs.String("definitions", "saros", "tissue definitions: saros or boa")
	path, rest := splitFirstOf(args, map[string]bool{"--format": true, "-format": true, "--jobs": true, "-jobs": true, "--definitions": true, "-definitions": true})
	if err := fs.Parse(rest); err != nil || path == "" || fs.NArg() > 0 || (*format != "json" && *format != "csv") {
		if err != nil {
			fmt.Fprintf(env.Stderr, "saros-review stats: %s\n", flagProblem(err))
		}
		fmt.Fprintln(env.Stderr, statsUsage)
		return 2
	}
	if err := checkJobs(*jobs); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review stats: %v\n", err)
		return 2
	}
	defs, derr := bodycomp.ParseDefinitions(*defName)
	if derr != nil {
		fmt.Fprintf(env.Stderr, "saros-review stats: %v\n", derr)
		return 2
	}
	ds, err := store.Open(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review stats: %v\n", err)
		return 2
	}
	if ds.Kind == store.DatasetFolder {
		return datasetStats(env, ds, *format, *jobs, defs)
	}
	if ds.Kind != store.CaseFolder || len(ds.Cases) != 1 {
		fmt.Fprintf(env.Stderr, "saros-review stats: %s: not a case or data set folder\n", path)
		return 2
	}
	c := ds.Cases[0]
	r, err := caseStats(c, defs)
	if err == nil {
		if *format == "csv" {
			err = bodycomp.WriteCSV(env.Stdout, r)
		} else {
			err = bodycomp.WriteJSON(env.Stdout, c.ID, r)
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review stats: %v\n", err)
		return 2
	}
	return 0
}

// datasetStats measures every case of a data set on jobs workers and
// writes one line per case; cases that cannot be measured are named on
// stderr and give exit 2 once the others are written.
func datasetStats(env Env, ds *store.Dataset, format string, jobs int, defs bodycomp.Definitions) int {
	out := make([]bodycomp.CaseSummary, len(ds.Cases))
	progress, end := progressLine(env, "stats", len(ds.Cases))
	eachCase(len(ds.Cases), jobs, func(i int) {
		c := ds.Cases[i]
		out[i] = bodycomp.CaseSummary{Case: c.ID, Split: c.Split()}
		r, err := caseStats(c, defs)
		if err != nil {
			out[i].Error = err.Error()
			return
		}
		out[i].Report = r
	}, progress)
	end()
	var err error
	if format == "csv" {
		err = bodycomp.WriteSummaryCSV(env.Stdout, out)
	} else {
		err = bodycomp.WriteSummaryJSON(env.Stdout, out)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review stats: %v\n", err)
		return 2
	}
	code := 0
	for _, c := range out {
		if c.Error != "" {
			fmt.Fprintf(env.Stderr, "saros-review stats: could not measure %s: %s\n", c.Case, c.Error)
			code = 2
		}
	}
	return code
}

// caseStats loads a case and measures it under the definitions.
func caseStats(c *store.Case, defs bodycomp.Definitions) (*bodycomp.Report, error) {
	l, err := c.Load(nil)
	if err != nil {
		return nil, err
	}
	if l.Regions == nil {
		return nil, fmt.Errorf("%s: no body-regions map to measure", c.Dir)
	}
	sl, err := bodycomp.MeasureWith(l.Image, l.Regions, l.Parts, defs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.Dir, err)
	}
	return bodycomp.NewReport(l.Image.Grid, sl), nil
}
