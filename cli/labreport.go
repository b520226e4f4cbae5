package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/saros-review/saros-review/store/review"
)

// labReport writes the lab report of a review store (`review PATH
// --report`): one line per annotator.
func labReport(env Env, s *review.Store, format string) int {
	rows, err := s.LabReport(context.Background())
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
