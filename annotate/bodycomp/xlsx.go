package bodycomp

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes a BOA report as an Excel workbook (excelize): sheet
// "aggregated" (a row per group, scope and tissue with BOA's statistics),
// "slices" and "slices_no_extremities" (a row per annotated slice, mL per
// tissue), "l3" when the report has L3 figures, and "about" (case,
// definitions, units).
func WriteXLSX(w io.Writer, caseID string, r *BOAReport) error {
	f := excelize.NewFile()
	defer f.Close()
	fail := func(err error) error { return fmt.Errorf("write workbook: %w", err) }
	if err := f.SetSheetName("Sheet1", "aggregated"); err != nil {
		return fail(err)
	}
	row := 1
	put := func(sheet string, vals ...any) error {
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return f.SetSheetRow(sheet, cell, &vals)
	}
	opt := func(p *float64) any {
		if p == nil {
			return ""
		}
		return *p
	}
	if err := put("aggregated", "group", "scope", "annotated_slices", "min_slice_idx", "max_slice_idx", "tissue",
		"mean_ml", "std_ml", "min_ml", "q1_ml", "median_ml", "q3_ml", "max_ml", "sum_ml", "mean_hu"); err != nil {
		return fail(err)
	}
	for _, name := range r.groupOrder {
		g := r.Aggregated[name]
		for _, sc := range []struct {
			scope string
			m     map[string]BOAStats
		}{{"all", g.Measurements}, {"no extremities", g.MeasurementsNoExtr}} {
			for _, bt := range BOATissues {
				s := sc.m[bt.Name]
				if err := put("aggregated", name, sc.scope, g.AnnotatedSlices, g.MinSliceIdx, g.MaxSliceIdx, bt.Name,
					s.Mean, opt(s.Std), s.Min, s.Q1, s.Q2, s.Q3, s.Max, s.Sum, opt(s.MeanHU)); err != nil {
					return fail(err)
				}
			}
		}
	}
	for _, sh := range []struct {
		name string
		rows []BOASlice
	}{{"slices", r.slices}, {"slices_no_extremities", r.slicesNoEx}} {
		if _, err := f.NewSheet(sh.name); err != nil {
			return fail(err)
		}
		row = 1
		head := []any{"slice_idx"}
		for _, bt := range BOATissues {
			head = append(head, bt.Name+"_ml")
		}
		if err := put(sh.name, head...); err != nil {
			return fail(err)
		}
		for _, s := range sh.rows {
			vals := []any{s.SliceIdx}
			for _, bt := range BOATissues {
				vals = append(vals, s.value(bt.Name))
			}
			if err := put(sh.name, vals...); err != nil {
				return fail(err)
			}
		}
	}
	if l := r.SarosReview.L3; l != nil {
		if _, err := f.NewSheet("l3"); err != nil {
			return fail(err)
		}
		row = 1
		for _, kv := range [][]any{{"measure", "value", "unit"}, {"slice k", l.K, ""}, {"source", l.Source, ""},
			{"muscle", l.Muscle, "cm²"}, {"sat", l.SAT, "cm²"}, {"vat", l.VAT, "cm²"}, {"imat", l.IMAT, "cm²"},
			{"height", l.HeightM, "m"}, {"height source", l.HeightSource, ""}, {"smi", opt(l.SMI), "cm²/m²"}} {
			if err := put("l3", kv...); err != nil {
				return fail(err)
			}
		}
	}
	if _, err := f.NewSheet("about"); err != nil {
		return fail(err)
	}
	row = 1
	for _, kv := range [][]any{{"case", caseID}, {"definitions", string(r.SarosReview.Definitions)},
		{"annotated slices only", r.SarosReview.AnnotatedSlicesOnly}, {"stride", r.SarosReview.Stride}, {"units", r.SarosReview.Units}} {
		if err := put("about", kv...); err != nil {
			return fail(err)
		}
	}
	if err := f.Write(w); err != nil {
		return fail(err)
	}
	return nil
}
