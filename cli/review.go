package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

func runReview(env Env, args []string) int {
	fs := flag.NewFlagSet("review", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "json", "json or csv")
	report := fs.Bool("report", false, "the lab report per annotator instead of the cases")
	path, rest := splitFirstOf(args, map[string]bool{"--format": true, "-format": true})
	if err := fs.Parse(rest); err != nil || path == "" || fs.NArg() > 0 || (*format != "json" && *format != "csv") {
		fmt.Fprintln(env.Stderr, "usage: saros-review review PATH [--report] [--format json|csv]")
		return 2
	}
	ds, err := store.Open(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review review: %v\n", err)
		return 2
	}
	warnDatasetProblems(env, "review", ds)
	ids := make([]string, len(ds.Cases))
	for i, c := range ds.Cases {
		ids[i] = c.ID
	}
	ctx := context.Background()
	s, err := review.OpenFor(ctx, ds.Root, "", ids)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review review: %v\n", err)
		return 2
	}
	defer s.Close()
	if *report {
		return labReport(env, s, *format)
	}
	all, err := s.Summaries(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review review: %v\n", err)
		return 2
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var rows []review.Summary
	for _, x := range all {
		if want[x.ID] {
			rows = append(rows, x)
		}
	}
	if *format == "csv" {
		w := csv.NewWriter(env.Stdout)
		w.Write([]string{"id", "status", "annotator", "reviewer", "open_flags", "qc_errors"})
		for _, x := range rows {
			w.Write([]string{x.ID, string(x.Status), x.Annotator, x.Reviewer, strconv.Itoa(x.OpenFlags), strconv.Itoa(x.QCErrors)})
		}
		w.Flush()
		return 0
	}
	json.NewEncoder(env.Stdout).Encode(struct {
		Cases []review.Summary `json:"cases"`
	}{rows})
	return 0
}
