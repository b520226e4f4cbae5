package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

// reviewCSVHeader is the first row of `review --format csv`.
var reviewCSVHeader = []string{"id", "status", "annotator", "reviewer", "open_flags", "qc_errors",
	"second_reader", "slices_annotated", "slices_accepted", "slices_needs_fix", "slice_reviewer"}

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
	ctx := context.Background()
	// Reading changes nothing: no SQLite file, no data set id, no rows for
	// new cases; the person is the database login, never a typed name.
	var all []review.Summary
	s, err := review.OpenReadOnly(ctx, ds.Root, "")
	switch {
	case errors.Is(err, review.ErrNoStore):
		fmt.Fprintf(env.Stderr, "saros-review review: %s: no review store yet (nothing reviewed)\n", ds.Root)
		if *report {
			return labReport(env, nil, *format)
		}
	case err != nil:
		fmt.Fprintf(env.Stderr, "saros-review review: %v\n", err)
		return 2
	default:
		defer s.Close()
		if *report {
			return labReport(env, s, *format)
		}
		if all, err = s.Summaries(ctx); err != nil {
			fmt.Fprintf(env.Stderr, "saros-review review: %v\n", err)
			return 2
		}
	}
	known := map[string]review.Summary{}
	for _, x := range all {
		known[x.ID] = x
	}
	// A case the store has no row for yet is new.
	rows := make([]review.Summary, 0, len(ds.Cases))
	for _, c := range ds.Cases {
		x, ok := known[c.ID]
		if !ok {
			x = review.Summary{ID: c.ID, Status: review.New}
		}
		rows = append(rows, x)
	}
	if *format == "csv" {
		w := csv.NewWriter(env.Stdout)
		w.Write(reviewCSVHeader)
		for _, x := range rows {
			w.Write([]string{x.ID, string(x.Status), x.Annotator, x.Reviewer, strconv.Itoa(x.OpenFlags), strconv.Itoa(x.QCErrors),
				x.SecondReader, strconv.Itoa(x.Slices.Annotated), strconv.Itoa(x.Slices.Accepted), strconv.Itoa(x.Slices.NeedsFix), x.SliceReviewer})
		}
		w.Flush()
		return 0
	}
	json.NewEncoder(env.Stdout).Encode(struct {
		Cases []review.Summary `json:"cases"`
	}{rows})
	return 0
}
