package bodycomp

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"

	"github.com/saros-review/saros-review/labels"
)

// CaseSummary is one case's line of a data set's body composition: its
// report without the per-slice rows, or why it could not be measured.
type CaseSummary struct {
	Case  string `json:"case"`
	Split string `json:"split,omitempty"`
	Error string `json:"error,omitempty"`
	*Report
	// Slices hides the report's per-slice rows in JSON: a data set's line
	// carries the totals (`stats CASE` gives the rows).
	Slices []SliceRow `json:"slices,omitempty"`
}

// WriteSummaryJSON writes the cases as one indented JSON array.
func WriteSummaryJSON(w io.Writer, cases []CaseSummary) error {
	e := json.NewEncoder(w)
	e.SetIndent("", " ")
	return e.Encode(cases)
}

// WriteSummaryCSV writes one row per case: id, split, annotated slices,
// each tissue's mL and mean HU over the annotated slices and its
// whole-scan estimate, then each region's mL; a case that could not be
// measured has only its id, split and the error.
func WriteSummaryCSV(w io.Writer, cases []CaseSummary) error {
	cw := csv.NewWriter(w)
	head := []string{"case", "split", "annotated_slices"}
	for _, k := range Keys {
		head = append(head, k+"_ml", k+"_mean_hu", k+"_est_ml")
	}
	var regions []string
	for _, l := range labels.Regions.Labels {
		if l.Value != 0 {
			regions = append(regions, l.Name)
			head = append(head, "region_"+l.Name+"_ml")
		}
	}
	head = append(head, "error")
	cw.Write(head)
	f := func(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	for _, c := range cases {
		rec := make([]string, 0, len(head))
		rec = append(rec, c.Case, c.Split)
		if r := c.Report; r != nil {
			rec = append(rec, strconv.Itoa(r.AnnotatedSlices))
			for _, k := range Keys {
				rec = append(rec, f(r.Tissues[k].ML, 3), f(r.Tissues[k].MeanHU, 1), f(r.EstimateML[k], 3))
			}
			for _, name := range regions {
				rec = append(rec, f(r.RegionsML[name], 3))
			}
		} else {
			for len(rec) < len(head)-1 {
				rec = append(rec, "")
			}
		}
		cw.Write(append(rec, c.Error))
	}
	cw.Flush()
	return cw.Error()
}
