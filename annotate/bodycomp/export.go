package bodycomp

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
)

// WriteJSON writes a case's report as one indented JSON object: "case",
// then the report's fields.
func WriteJSON(w io.Writer, caseID string, r *Report) error {
	e := json.NewEncoder(w)
	e.SetIndent("", " ")
	return e.Encode(struct {
		Case string `json:"case"`
		*Report
	}{caseID, r})
}

// WriteCSV writes a report as one table: a row per annotated slice,
// then a row per aggregate, each with every tissue's mL and mean HU.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	head := []string{"scope", "slices", "torso_only"}
	for _, k := range Keys {
		head = append(head, k+"_ml", k+"_mean_hu")
	}
	cw.Write(head)
	row := func(scope string, n int, torso bool, t Tissues) {
		rec := []string{scope, strconv.Itoa(n), strconv.FormatBool(torso)}
		for _, k := range Keys {
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
