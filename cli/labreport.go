package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/saros-review/saros-review/store/review"
)

// labReport writes the lab report of a review store (`review PATH
// --report`): one line per annotator; a nil store (no review store yet)
// gives an empty report.
func labReport(env Env, s *review.Store, format string) int {
	var rows []review.AnnotatorReport
	var err error
	if s != nil { // nil: no review store yet, nobody to report on
		rows, err = s.LabReport(context.Background())
	}
	if rows == nil {
		rows = []review.AnnotatorReport{}
	}
	if err == nil {
		if format == "csv" {
			err = review.WriteReportCSV(env.Stdout, rows)
		} else {
			err = json.NewEncoder(env.Stdout).Encode(struct {
				Annotators []review.AnnotatorReport `json:"annotators"`
			}{rows})
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review review: %v\n", err)
		return 2
	}
	return 0
}
