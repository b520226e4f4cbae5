package review

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"testing"
	"time"
)

// labHistory makes a data set's history with several annotators: ann
// annotates case_000 (returned once with 3 QC errors, then approved) and
// case_001; ann2 annotates case_002 and double-reads case_000 against ann
// (their reading saved apart, their agreement compared twice).
// Each save records its active time. It returns the expected hours.
func labHistory(t *testing.T, s *Store) (annHours, ann2Hours float64) {
	t.Helper()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	must(t, s.SetAnnotatedSlices(ctx, "case_000", []int{1, 6, 11, 16}))
	must(t, s.SetAnnotatedSlices(ctx, "case_001", []int{0, 5, 10}))
	must(t, s.SetAnnotatedSlices(ctx, "case_002", []int{2, 7}))
	save := func(id, who string, minutes float64) {
		_, err := s.AddRevision(ctx, Revision{Case: id, Author: who, Path: "h", ActiveMS: int64(minutes * 60000)})
		must(t, err)
	}
	must(t, s.Assign(ctx, "boss", "case_000", "ann", "rev"))
	must(t, s.Assign(ctx, "boss", "case_001", "ann", "rev"))
	must(t, s.Assign(ctx, "boss", "case_002", "ann2", "rev"))
	must(t, s.Transition(ctx, "ann", "case_000", New, InProgress, "", ""))
	save("case_000", "ann", 30)
	must(t, s.SetQCErrors(ctx, "case_000", 3))
	must(t, s.Transition(ctx, "ann", "case_000", InProgress, Submitted, "", "speck is a vessel"))
	must(t, s.Transition(ctx, "rev", "case_000", Submitted, Returned, "thyroid missing", ""))
	must(t, s.Transition(ctx, "ann", "case_000", Returned, InProgress, "", ""))
	save("case_000", "ann", 15)
	must(t, s.SetQCErrors(ctx, "case_000", 0))
	must(t, s.Transition(ctx, "ann", "case_000", InProgress, Submitted, "", ""))
	must(t, s.Transition(ctx, "ann", "case_001", New, InProgress, "", ""))
	save("case_001", "ann", 45)
	must(t, s.Transition(ctx, "ann", "case_001", InProgress, Submitted, "", ""))
	must(t, s.Transition(ctx, "ann2", "case_002", New, InProgress, "", ""))
	save("case_002", "ann2", 20)
	must(t, s.Transition(ctx, "ann2", "case_002", InProgress, Submitted, "", ""))
	// ann2 reads case_000 a second time, blind: 12 active minutes saved
	// apart from the case's revisions. Only the second reader may record.
	must(t, s.SetSecondReader(ctx, "rev", "case_000", "ann2"))
	if err := s.RecordReaderSave(ctx, ReaderSave{Case: "case_000", Login: "ann", ActiveMS: 60000}); err == nil {
		t.Error("the first reader recorded a second reading")
	}
	must(t, s.RecordReaderSave(ctx, ReaderSave{Case: "case_000", Login: "ann2", ActiveMS: 12 * 60000,
		VsProposal: map[string]int{"regions/2": 40}, QCErrors: 1}))
	// Comparing the readers twice counts once: the second replaces the first.
	must(t, s.RecordAgreement(ctx, "case_000", "ann", "ann2", []Agreement{{Map: "regions", Label: 2, Dice: 0.1, NSD: 0.1, HD95: 9}}))
	must(t, s.RecordAgreement(ctx, "case_000", "ann2", "ann", []Agreement{
		{Map: "regions", Label: 2, Dice: 0.9, NSD: 0.95, HD95: 2.5}, {Map: "regions", Label: 5, Dice: 0.7, NSD: 0.85, HD95: math.Inf(1)}}))
	return 1.5, 32.0 / 60
}

func TestLabReport(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		annH, ann2H := labHistory(t, s)
		rows, err := s.LabReport(ctx)
		if err != nil || len(rows) != 2 {
			t.Fatalf("%+v %v", rows, err)
		}
		a, b := rows[0], rows[1]
		near := func(p *float64, want float64) bool { return p != nil && math.Abs(*p-want) < 1e-9 }
		if a.Annotator != "ann" || a.Cases != 2 || a.Slices != 7 || math.Abs(a.ActiveHours-annH) > 1e-9 || !near(a.SlicesPerHour, 7/annH) ||
			a.Submits != 3 || a.QCErrorsAtSubmit != 3 || !near(a.QCErrorsPerSubmit, 1) || a.Returns != 1 || !near(a.ReturnRate, 1.0/3) ||
			a.DoubleRead != 1 || !near(a.MeanDice, 0.8) || !near(a.MeanNSD, 0.9) {
			t.Errorf("ann: %s", show(a))
		}
		if b.Annotator != "ann2" || b.Cases != 2 || b.Slices != 6 || math.Abs(b.ActiveHours-ann2H) > 1e-9 || !near(b.SlicesPerHour, 6/ann2H) || b.Submits != 1 ||
			b.Returns != 0 || !near(b.ReturnRate, 0) || b.DoubleRead != 1 || !near(b.MeanDice, 0.8) {
			t.Errorf("ann2: %s", show(b))
		}
		var buf bytes.Buffer
		must(t, WriteReportCSV(&buf, rows))
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil || len(recs) != 3 || recs[0][4] != "slices_per_hour" || recs[1][0] != "ann" || recs[1][4] != "4.666666666666667" || recs[2][9] != "0" {
			t.Fatalf("%v %v", recs, err)
		}
	})
}

func show(r AnnotatorReport) string {
	f := func(p *float64) string {
		if p == nil {
			return "nil"
		}
		return fmt.Sprint(*p)
	}
	return fmt.Sprintf("%+v sph %s qc/submit %s return %s dice %s nsd %s", r, f(r.SlicesPerHour), f(r.QCErrorsPerSubmit), f(r.ReturnRate), f(r.MeanDice), f(r.MeanNSD))
}

// Two readers compared twice within one millisecond: the lab report still
// counts the later agreement only.
func TestLatestAgreementWithinAMillisecond(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		s.Now = func() time.Time { return at }
		must(t, s.RecordAgreement(ctx, "case_000", "ann", "ann2", []Agreement{{Map: "regions", Label: 2, Dice: 0.1, NSD: 0.2}}))
		must(t, s.RecordAgreement(ctx, "case_000", "ann2", "ann", []Agreement{{Map: "regions", Label: 2, Dice: 0.9, NSD: 0.8}}))
		rows, err := s.LabReport(ctx)
		must(t, err)
		for _, r := range rows {
			if r.DoubleRead != 1 || r.MeanDice == nil || *r.MeanDice != 0.9 || *r.MeanNSD != 0.8 {
				t.Errorf("%s", show(r))
			}
		}
		if len(rows) != 2 {
			t.Fatalf("%d rows", len(rows))
		}
	})
}
