package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"text/tabwriter"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

// CaseReport is the QC result of one case; Error is set when the case
// could not be checked.
type CaseReport struct {
	ID       string       `json:"id"`
	Findings []qc.Finding `json:"findings"`
	Error    string       `json:"error,omitempty"`
}

// caseFiles are the files of a case QC reads.
func caseFiles(c *store.Case) qc.CaseFiles {
	return qc.CaseFiles{ID: c.ID, Image: c.Image, Regions: c.Regions, Parts: c.Parts}
}

// QCInput loads what QC needs of a case under cfg (see qc.Load): the
// image's voxels only when an enabled rule reads them.
func QCInput(c *store.Case, cfg *qc.Config) (*qc.Input, error) {
	return qc.Load(caseFiles(c), cfg)
}

// CheckCases runs QC over the cases with jobs workers, with no cache;
// reports come back in the cases' order. done is told after each case.
func CheckCases(cases []*store.Case, cfg *qc.Config, jobs int, done func(n int)) []CaseReport {
	return checkCases(cases, cfg, nil, jobs, done)
}

func checkCases(cases []*store.Case, cfg *qc.Config, cache *qc.Cache, jobs int, done func(n int)) []CaseReport {
	files := make([]qc.CaseFiles, len(cases))
	for i, c := range cases {
		files[i] = caseFiles(c)
	}
	out := make([]CaseReport, len(cases))
	for i, r := range qc.Run(context.Background(), files, cfg, cache, jobs, done) {
		out[i] = CaseReport{ID: r.ID, Findings: r.Findings}
		if out[i].Findings == nil {
			out[i].Findings = []qc.Finding{}
		}
		if r.Error != nil {
			out[i].Error = r.Error.Error()
		}
	}
	return out
}

// recordCounts writes each checked case's error count to the data set's
// review store (the worklist's "qc errors" column).
// A case folder checked on its own records its count in its data set's
// store (root is the data set folder).
func recordCounts(root string, ds *store.Dataset, reports []CaseReport) error {
	ids := make([]string, len(ds.Cases))
	for i, c := range ds.Cases {
		ids[i] = c.ID
	}
	ctx := context.Background()
	s, err := review.OpenAsLogin(ctx, root, "", ids)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, r := range reports {
		if r.Error != "" {
			continue
		}
		e, _, _ := qc.Count(r.Findings)
		if err := s.SetQCErrors(ctx, r.ID, e); err != nil {
			return err
		}
	}
	return nil
}

// cacheRoot is the folder whose .saros-review/qc-cache.json keeps the QC
// results of what was opened: the data set or case folder ("" for a lone
// image: no cache).
func cacheRoot(ds *store.Dataset) string {
	if ds.Kind == store.LoneImage {
		return ""
	}
	return ds.Root
}

func runQC(env Env, args []string) int {
	fs := flag.NewFlagSet("qc", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	rules := fs.String("rules", "", "rules file")
	format := fs.String("format", "json", "json, csv or text")
	jobs := fs.Int("jobs", runtime.NumCPU(), "cases checked at once")
	noCache := fs.Bool("no-cache", false, "check every case again, neither reading nor writing the cache")
	path, rest := splitFirstOf(args, map[string]bool{"--rules": true, "-rules": true, "--format": true, "-format": true, "--jobs": true, "-jobs": true})
	usage := "usage: saros-review qc PATH [--rules F] [--format json|csv|text] [--jobs N] [--no-cache]"
	if err := fs.Parse(rest); err != nil || path == "" || fs.NArg() > 0 {
		if err != nil {
			fmt.Fprintf(env.Stderr, "saros-review qc: %s\n", flagProblem(err))
		}
		fmt.Fprintln(env.Stderr, usage)
		return 2
	}
	if *format != "json" && *format != "csv" && *format != "text" {
		fmt.Fprintf(env.Stderr, "saros-review qc: format %q is not json, csv or text\n", *format)
		return 2
	}
	if err := checkJobs(*jobs); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review qc: %v\n", err)
		return 2
	}
	ds, err := store.Open(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review qc: %v\n", err)
		return 2
	}
	warnDatasetProblems(env, "qc", ds)
	cfg := qc.DefaultConfig()
	rulesPath := *rules
	if rulesPath == "" && ds.Kind == store.DatasetFolder {
		if p := filepath.Join(ds.Root, qc.RulesFile); fileExists(p) {
			rulesPath = p
		}
	}
	if rulesPath != "" {
		if cfg, err = qc.LoadRules(rulesPath); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review qc: %v\n", err)
			return 2
		}
	}
	var cache *qc.Cache
	if root := cacheRoot(ds); root != "" && !*noCache {
		if cache, err = qc.OpenCache(root); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review qc: %v\n", err)
		}
	}
	progress, end := progressLine(env, "qc", len(ds.Cases))
	reports := checkCases(ds.Cases, cfg, cache, *jobs, progress)
	end()
	markNoLabelMaps(ds.Cases, reports)
	if cache != nil {
		if err := cache.Save(); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review qc: results not cached: %v\n", err)
		}
	}
	root := ""
	switch ds.Kind {
	case store.DatasetFolder:
		root = ds.Root
	case store.CaseFolder:
		root = store.DatasetOf(ds.Root)
	}
	if root != "" {
		if err := recordCounts(root, ds, reports); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review qc: QC error counts not recorded in the review store: %v\n", err)
		}
	}
	if err := writeReports(env.Stdout, reports, *format); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review qc: %v\n", err)
		return 2
	}
	code := 0
	for _, r := range reports {
		if r.Error != "" {
			fmt.Fprintf(env.Stderr, "saros-review qc: could not check %s: %s\n", r.ID, r.Error)
			code = 2
		} else if e, _, _ := qc.Count(r.Findings); e > 0 && code == 0 {
			code = 1
		}
	}
	return code
}

func writeReports(w io.Writer, reports []CaseReport, format string) error {
	switch format {
	case "csv":
		return writeCSV(w, reports)
	case "text":
		return writeText(w, reports)
	}
	return json.NewEncoder(w).Encode(struct {
		Cases []CaseReport `json:"cases"`
	}{reports})
}

// csvHeader: one row per component; group numbers a case's findings
// (1, 2, …) so the rows of one finding can be put together again.
var csvHeader = []string{"id", "group", "rule", "severity", "map", "slice", "label", "count", "total_area_mm2",
	"component", "i", "j", "bbox", "area_mm2", "message"}

func writeCSV(w io.Writer, reports []CaseReport) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	itoa := strconv.Itoa
	ftoa := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, r := range reports {
		for g, f := range r.Findings {
			head := []string{r.ID, itoa(g + 1), f.Rule, f.Severity.String(), f.Map, itoa(f.Slice), itoa(f.Label),
				itoa(f.Count), ftoa(f.TotalAreaMM2)}
			if len(f.Components) == 0 {
				cw.Write(append(head, "", "-1", "-1", "", "0", f.Message))
				continue
			}
			for n, c := range f.Components {
				bb := fmt.Sprintf("%d %d %d %d", c.BBox[0], c.BBox[1], c.BBox[2], c.BBox[3])
				cw.Write(append(append([]string(nil), head...), itoa(n+1), itoa(c.I), itoa(c.J), bb, ftoa(c.AreaMM2), f.Message))
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeText writes, per case, one line per rule and label across the
// case (the top level), each followed by its findings, then a table of
// counts per case.
func writeText(w io.Writer, reports []CaseReport) error {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	for _, r := range reports {
		if r.Error != "" {
			fmt.Fprintf(w, "%s: could not be checked: %s\n", r.ID, r.Error)
			continue
		}
		for _, g := range qc.Groups(r.Findings) {
			area := ""
			if g.TotalAreaMM2 > 0 {
				area = fmt.Sprintf(" (%.1f mm²)", g.TotalAreaMM2)
			}
			fmt.Fprintf(w, "%s %s %s%s\n", r.ID, g.Severity, g.Title(), area)
			for _, n := range g.Findings {
				f := r.Findings[n]
				where := "whole case"
				if f.Slice >= 0 {
					where = fmt.Sprintf("slice %d at (%d, %d)", f.Slice, f.I, f.J)
				}
				fmt.Fprintf(w, "    %s: %s\n", where, f.Message)
			}
		}
	}
	fmt.Fprintln(tw, "\ncase\terrors\twarnings\tinfo\t")
	var te, tw2, ti int
	for _, r := range reports {
		if r.Error != "" {
			fmt.Fprintf(tw, "%s\t—\t—\t—\tnot checked\n", r.ID)
			continue
		}
		e, wa, in := qc.Count(r.Findings)
		te, tw2, ti = te+e, tw2+wa, ti+in
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", r.ID, e, wa, in)
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t\n", te, tw2, ti)
	return tw.Flush()
}

// splitFirstOf is splitFirst for a command with several value flags.
func splitFirstOf(args []string, valued map[string]bool) (string, []string) {
	for i, a := range args {
		if len(a) > 0 && a[0] != '-' && (i == 0 || !valued[args[i-1]]) {
			return a, append(append([]string(nil), args[:i]...), args[i+1:]...)
		}
	}
	return "", args
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
