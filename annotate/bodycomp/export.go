package bodycomp

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
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
// then a row per aggregate, each with every tissue's mL and mean HU, then
// the whole-scan estimate (mL, no mean HU) unless the stride is unknown.
// The last column, note, marks slices off the annotation grid or partly
// labelled and carries the grid's warnings on the estimate row.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	head := []string{"scope", "slices", "torso_only"}
	for _, k := range Keys {
		head = append(head, k+"_ml", k+"_mean_hu")
	}
	cw.Write(append(head, "note"))
	row := func(scope string, n int, torso bool, t Tissues, note string) {
		rec := []string{scope, strconv.Itoa(n), strconv.FormatBool(torso)}
		for _, k := range Keys {
			rec = append(rec, strconv.FormatFloat(t[k].ML, 'f', 3, 64), strconv.FormatFloat(t[k].MeanHU, 'f', 1, 64))
		}
		cw.Write(append(rec, note))
	}
	for _, s := range r.Slices {
		var notes []string
		if !s.OnGrid {
			notes = append(notes, "off the annotation grid: not in the estimate")
		}
		if s.Mixed {
			notes = append(notes, "partly labelled")
		}
		row("slice "+strconv.Itoa(s.K), 1, false, s.Tissues, strings.Join(notes, "; "))
	}
	row("annotated slices", r.AnnotatedSlices, false, r.Tissues, "")
	for _, a := range r.Aggregates {
		row(a.Name, a.Slices, a.TorsoOnly, a.Tissues, "")
	}
	if r.EstimateML != nil {
		est := Tissues{}
		for k, v := range r.EstimateML {
			est[k] = Figure{ML: v, MeanHU: math.NaN()}
		}
		row("whole-scan estimate (every "+strconv.Itoa(r.Stride)+")", r.Aggregates[0].GridSlices, false, est, strings.Join(r.Warnings, "; "))
	} else {
		row("no whole-scan estimate", 0, false, Tissues{}, strings.Join(r.Warnings, "; "))
	}
	cw.Flush()
	return cw.Error()
}
