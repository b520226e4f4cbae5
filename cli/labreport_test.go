package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store/review"
)

// `review PATH --report` reads the data set's review store: an annotator's
// saves and submission show up as cases, slices per hour and submits.
func TestReviewLabReport(t *testing.T) {
	dir := t.TempDir()
	writeMaps(t, filepath.Join(dir, "case_000"), boxMap(1, 5, 2), nil)
	ctx := context.Background()
	s, err := review.OpenFor(ctx, dir, "", []string{"case_000"})
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []error{
		s.AddUser(ctx, "boss", review.Admin), s.AddUser(ctx, "ann", review.Annotator),
		s.SetAnnotatedSlices(ctx, "case_000", []int{0, 5}),
		s.Assign(ctx, "boss", "case_000", "ann", ""),
		s.Transition(ctx, "ann", "case_000", review.New, review.InProgress, "", ""),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	if _, err := s.AddRevision(ctx, review.Revision{Case: "case_000", Author: "ann", Path: "h", ActiveMS: 30 * 60000}); err != nil {
		t.Fatal(err)
	}
	if err := s.Transition(ctx, "ann", "case_000", review.InProgress, review.Submitted, "", ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errs := run("review", dir, "--report")
	var r struct {
		Annotators []review.AnnotatorReport `json:"annotators"`
	}
	if code != 0 || errs != "" || json.Unmarshal([]byte(out), &r) != nil || len(r.Annotators) != 1 {
		t.Fatalf("exit %d %s: %s", code, errs, out)
	}
	a := r.Annotators[0]
	if a.Annotator != "ann" || a.Cases != 1 || a.Slices != 2 || a.SlicesPerHour == nil || *a.SlicesPerHour != 4 || a.Submits != 1 {
		t.Fatalf("%+v", a)
	}
	code, out, _ = run("review", "--report", dir, "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 2 || recs[1][0] != "ann" || recs[1][4] != "4" {
		t.Fatalf("exit %d %v: %s", code, err, out)
	}
}
