package cli

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/saros-review/saros-review/annotate/bodycomp"
	"github.com/saros-review/saros-review/store"
)

// StatsRecord is what `stats` prints as JSON: the case and its body
// composition report.
type StatsRecord struct {
	Case string `json:"case"`
	*bodycomp.Report
}

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
		if err := WriteStatsCSV(env.Stdout, r); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review stats: %v\n", err)
			return 2
		}
		return 0
	}
	e := json.NewEncoder(env.Stdout)
	e.SetIndent("", " ")
	if err := e.Encode(StatsRecord{Case: id, Report: r}); err != nil {
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

// WriteStatsCSV writes a report as one table: a row per annotated slice,
// then a row per aggregate, each with every tissue's mL and mean HU.
func WriteStatsCSV(w io.Writer, r *bodycomp.Report) error {
	cw := csv.NewWriter(w)
	head := []string{"scope", "slices", "torso_only"}
	for _, k := range bodycomp.Keys {
		head = append(head, k+"_ml", k+"_mean_hu")
	}
	cw.Write(head)
	row := func(scope string, n int, torso bool, t bodycomp.Tissues) {
		rec := []string{scope, strconv.Itoa(n), strconv.FormatBool(torso)}
		for _, k := range bodycomp.Keys {
			rec = append(rec, strconv.FormatFloat(t[k].ML, 'f', 3, 64), strconv.FormatFloat(t[k].MeanHU, 'f', 1, 64))
		}
		cw.Write(rec)
	}
	for _, s := range r.Slices {
		row("slice "+strconv.Itoa(s.K), 1, false, s.Tissues)
	}
	row("annotated slices", r.AnnotatedSlices, false, r.Tissues)
	for _, a := range r.Aggregates {
		row(a.Name, a.Slices, a.TorsoOnly, a.Tissues)
	}
	cw.Flush()
	return cw.Error()
}
