package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"github.com/saros-review/saros-review/metrics"
)

// labelJSON is one label's scores in compare's JSON; an undefined HD95
// (+Inf) is null.
type labelJSON struct {
	Map     string   `json:"map"`
	Label   uint8    `json:"label"`
	Name    string   `json:"name"`
	Dice    float64  `json:"dice"`
	NSD     float64  `json:"nsd"`
	HD95    *float64 `json:"hd95_mm"`
	VoxelsA int      `json:"voxels_a"`
	VoxelsB int      `json:"voxels_b"`
}

type sliceJSON struct {
	Slice  int         `json:"slice"`
	Labels []labelJSON `json:"labels"`
}

type caseJSON struct {
	ID       string           `json:"id"`
	IDB      string           `json:"id_b,omitempty"`
	Compared map[string][]int `json:"compared_slices,omitempty"`
	Labels   []labelJSON      `json:"labels"`
	Slices   []sliceJSON      `json:"slices"`
	Error    string           `json:"error,omitempty"`
}

func labelsJSON(s []metrics.Score) []labelJSON {
	out := make([]labelJSON, len(s))
	for i, x := range s {
		out[i] = labelJSON{Map: x.Map, Label: x.Label, Name: x.Name, Dice: x.Dice, NSD: x.NSD, VoxelsA: x.VoxelsA, VoxelsB: x.VoxelsB}
		if !math.IsInf(x.HD95, 0) && !math.IsNaN(x.HD95) {
			h := x.HD95
			out[i].HD95 = &h
		}
	}
	return out
}

func writeComparisons(w io.Writer, cs []CaseComparison, tol float64, onlyA, onlyB []string, format string) error {
	switch format {
	case "csv":
		return writeComparisonsCSV(w, cs)
	case "text":
		return writeComparisonsText(w, cs, tol, onlyA, onlyB)
	}
	out := struct {
		Tolerance float64    `json:"tolerance_mm"`
		Cases     []caseJSON `json:"cases"`
		OnlyA     []string   `json:"only_in_a,omitempty"`
		OnlyB     []string   `json:"only_in_b,omitempty"`
	}{Tolerance: tol, Cases: make([]caseJSON, len(cs)), OnlyA: onlyA, OnlyB: onlyB}
	for i, c := range cs {
		cj := caseJSON{ID: c.ID, IDB: c.IDB, Error: c.Error, Labels: []labelJSON{}, Slices: []sliceJSON{}}
		if r := c.Result; r != nil {
			cj.Compared = r.Compared
			cj.Labels = labelsJSON(r.Labels)
			for _, s := range r.Slices {
				cj.Slices = append(cj.Slices, sliceJSON{Slice: s.Slice, Labels: labelsJSON(s.Labels)})
			}
		}
		out.Cases[i] = cj
	}
	return json.NewEncoder(w).Encode(out)
}

func fmtFloat(v float64) string {
	if math.IsInf(v, 1) {
		return "inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// writeComparisonsCSV writes one row per case and label (slice empty) and
// one per slice and label; an undefined HD95 is "inf".
func writeComparisonsCSV(w io.Writer, cs []CaseComparison) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "slice", "map", "label", "name", "dice", "nsd", "hd95_mm", "voxels_a", "voxels_b"})
	row := func(id, slice string, s metrics.Score) {
		cw.Write([]string{id, slice, s.Map, strconv.Itoa(int(s.Label)), s.Name, fmtFloat(s.Dice), fmtFloat(s.NSD),
			fmtFloat(s.HD95), strconv.Itoa(s.VoxelsA), strconv.Itoa(s.VoxelsB)})
	}
	for _, c := range cs {
		if c.Result == nil {
			continue
		}
		for _, s := range c.Result.Labels {
			row(c.ID, "", s)
		}
		for _, sl := range c.Result.Slices {
			for _, s := range sl.Labels {
				row(c.ID, strconv.Itoa(sl.Slice), s)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeComparisonsText writes a table of the case scores of each case,
// with the slice of lowest Dice for each label.
func writeComparisonsText(w io.Writer, cs []CaseComparison, tol float64, onlyA, onlyB []string) error {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	for _, c := range cs {
		if c.Error != "" {
			fmt.Fprintf(tw, "%s: could not be compared: %s\n\n", c.ID, c.Error)
			continue
		}
		fmt.Fprintf(tw, "%s\t(%d regions and %d parts slices annotated in both)\n", c.ID, len(c.Result.Compared["regions"]), len(c.Result.Compared["parts"]))
		fmt.Fprintf(tw, "map\tlabel\tdice\tnsd@%gmm\thd95 mm\tworst slice\t\n", tol)
		for _, s := range c.Result.Labels {
			worst, wd := -1, 2.0
			for _, sl := range c.Result.Slices {
				for _, x := range sl.Labels {
					if x.Map == s.Map && x.Label == s.Label && x.Dice < wd {
						worst, wd = sl.Slice, x.Dice
					}
				}
			}
			name := s.Name
			if name == "" {
				name = strconv.Itoa(int(s.Label))
			}
			fmt.Fprintf(tw, "%s\t%s\t%.4f\t%.4f\t%s\t%d (dice %.3f)\t\n", s.Map, name, s.Dice, s.NSD, fmtHD(s.HD95), worst, wd)
		}
		fmt.Fprintln(tw)
	}
	for _, id := range onlyA {
		fmt.Fprintf(tw, "%s: only in A\n", id)
	}
	for _, id := range onlyB {
		fmt.Fprintf(tw, "%s: only in B\n", id)
	}
	return tw.Flush()
}

func fmtHD(v float64) string {
	if math.IsInf(v, 1) {
		return "undefined"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}
