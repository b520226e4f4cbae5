package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/store"
)

func runStats(env Env, args []string) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "json", "json or csv")
	path, rest := splitFirstOf(args, map[string]bool{"--format": true, "-format": true})
	if err := fs.Parse(rest); err != nil || path == "" || fs.NArg() > 0 || (*format != "json" && *format != "csv") {
		fmt.Fprintln(env.Stderr, "usage: saros-review stats CASE [--format json|csv]")
		return 2
	}
	r, id, err := caseStats(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review stats: %v\n", err)
		return 2
	}
	if *format == "csv" {
		if err := bodycomp.WriteCSV(env.Stdout, r); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review stats: %v\n", err)
			return 2
		}
		return 0
	}
	if err := bodycomp.WriteJSON(env.Stdout, id, r); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review stats: %v\n", err)
		return 2
	}
	return 0
}

// caseStats loads the case at path (a case folder) and measures it.
func caseStats(path string) (*bodycomp.Report, string, error) {
	ds, err := store.Open(path)
	if err != nil {
		return nil, "", err
	}
	if ds.Kind != store.CaseFolder || len(ds.Cases) != 1 {
		return nil, "", fmt.Errorf("%s: not a case folder", path)
	}
	c := ds.Cases[0]
	l, err := c.Load(nil)
	if err != nil {
		return nil, c.ID, err
	}
	if l.Regions == nil {
		return nil, c.ID, fmt.Errorf("%s: no body-regions map to measure", c.Dir)
	}
	sl, err := bodycomp.Measure(l.Image, l.Regions, l.Parts)
	if err != nil {
		return nil, c.ID, fmt.Errorf("%s: %w", c.Dir, err)
	}
	return bodycomp.NewReport(l.Image.Grid, sl), c.ID, nil
}
