package review

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// AnnotatorReport is one person's line in the lab report. Rates are nil
// when there is nothing to divide by.
type AnnotatorReport struct {
	Annotator string `json:"annotator"`
	// Cases they saved (the case's maps, or their own maps as its second
	// reader), and those cases' annotated slices.
	Cases  int `json:"cases"`
	Slices int `json:"slices"`
	// ActiveHours is their active editing time (pauses over IdleGap not
	// counted); SlicesPerHour is Slices over it.
	ActiveHours   float64  `json:"active_hours"`
	SlicesPerHour *float64 `json:"slices_per_hour"`
	// Submits counts their submissions; QCErrorsAtSubmit the QC errors
	// the cases had when submitted (summed), QCErrorsPerSubmit its mean.
	Submits           int      `json:"submits"`
	QCErrorsAtSubmit  int      `json:"qc_errors_at_submit"`
	QCErrorsPerSubmit *float64 `json:"qc_errors_per_submit"`
	// Returns counts returns of cases they annotated; ReturnRate is
	// Returns over Submits.
	Returns    int      `json:"returns"`
	ReturnRate *float64 `json:"return_rate"`
	// DoubleRead counts cases read by them and another reader; MeanDice
	// and MeanNSD average the recorded label agreements.
	DoubleRead int      `json:"double_read"`
	MeanDice   *float64 `json:"mean_dice"`
	MeanNSD    *float64 `json:"mean_nsd"`
}

// LabReport is the lab's numbers per annotator, by name: cases, slices per
// active hour, QC errors at submit, return rate and agreement when double
// read.
func (s *Store) LabReport(ctx context.Context) ([]AnnotatorReport, error) {
	by := map[string]*AnnotatorReport{}
	get := func(name string) *AnnotatorReport {
		if by[name] == nil {
			by[name] = &AnnotatorReport{Annotator: name}
		}
		return by[name]
	}
	queries := []struct {
		q    string
		scan func(rows *rows) error
	}{
		{`SELECT author, COUNT(DISTINCT case_id), SUM(active_ms) FROM
			(SELECT author, case_id, active_ms FROM revisions WHERE dataset = $1
			 UNION ALL SELECT login, case_id, active_ms FROM reader_saves WHERE dataset = $1) x GROUP BY author`, func(rows *rows) error {
			var name string
			var cases int
			var ms int64
			if err := rows.Scan(&name, &cases, &ms); err != nil {
				return err
			}
			r := get(name)
			r.Cases, r.ActiveHours = cases, float64(ms)/3.6e6
			return nil
		}},
		{`SELECT r.author, COUNT(*) FROM case_slices cs JOIN (SELECT author, case_id FROM revisions WHERE dataset = $1
			 UNION SELECT login, case_id FROM reader_saves WHERE dataset = $1) r
			ON r.case_id = cs.case_id WHERE cs.dataset = $1 GROUP BY r.author`, func(rows *rows) error {
			var name string
			var n int
			if err := rows.Scan(&name, &n); err != nil {
				return err
			}
			get(name).Slices = n
			return nil
		}},
		{`SELECT actor, COUNT(*), SUM(qc_errors) FROM status_events WHERE to_status = 'submitted' AND dataset = $1 GROUP BY actor`, func(rows *rows) error {
			var name string
			var n, qc int
			if err := rows.Scan(&name, &n, &qc); err != nil {
				return err
			}
			r := get(name)
			r.Submits, r.QCErrorsAtSubmit = n, qc
			return nil
		}},
		{`SELECT annotator, COUNT(*) FROM status_events WHERE to_status = 'returned' AND annotator IS NOT NULL AND dataset = $1 GROUP BY annotator`, func(rows *rows) error {
			var name string
			var n int
			if err := rows.Scan(&name, &n); err != nil {
				return err
			}
			get(name).Returns = n
			return nil
		}},
		// Only the latest agreement recorded for two readers of a case.
		{`WITH latest AS (SELECT a.case_id, a.reader_a, a.reader_b, a.dice, a.nsd FROM agreements a WHERE a.dataset = $1
			 AND NOT EXISTS (SELECT 1 FROM agreements b WHERE b.dataset = a.dataset AND b.case_id = a.case_id AND b.created > a.created
			   AND ((b.reader_a = a.reader_a AND b.reader_b = a.reader_b) OR (b.reader_a = a.reader_b AND b.reader_b = a.reader_a))))
			SELECT reader, COUNT(DISTINCT case_id), AVG(dice), AVG(nsd) FROM
			(SELECT case_id, reader_a AS reader, dice, nsd FROM latest
			 UNION ALL SELECT case_id, reader_b AS reader, dice, nsd FROM latest) x GROUP BY reader`, func(rows *rows) error {
			var name string
			var n int
			var dice, nsd float64
			if err := rows.Scan(&name, &n, &dice, &nsd); err != nil {
				return err
			}
			r := get(name)
			r.DoubleRead, r.MeanDice, r.MeanNSD = n, &dice, &nsd
			return nil
		}},
	}
	for _, q := range queries {
		if err := s.eachRow(ctx, q.q, q.scan); err != nil {
			return nil, fmt.Errorf("lab report: %w", err)
		}
	}
	out := make([]AnnotatorReport, 0, len(by))
	for _, r := range by {
		if r.ActiveHours > 0 {
			v := float64(r.Slices) / r.ActiveHours
			r.SlicesPerHour = &v
		}
		if r.Submits > 0 {
			qc, rr := float64(r.QCErrorsAtSubmit)/float64(r.Submits), float64(r.Returns)/float64(r.Submits)
			r.QCErrorsPerSubmit, r.ReturnRate = &qc, &rr
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Annotator < out[j].Annotator })
	return out, nil
}

// eachRow runs q with the data set's id as $1 and scans each row.
func (s *Store) eachRow(ctx context.Context, q string, scan func(*rows) error) error {
	rows, err := s.db.QueryContext(ctx, q, s.dataset)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// WriteReportCSV writes the lab report as CSV with a header row; rates
// with nothing to divide by are empty.
func WriteReportCSV(w io.Writer, rows []AnnotatorReport) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"annotator", "cases", "slices", "active_hours", "slices_per_hour", "submits", "qc_errors_at_submit",
		"qc_errors_per_submit", "returns", "return_rate", "double_read", "mean_dice", "mean_nsd"})
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	opt := func(v *float64) string {
		if v == nil {
			return ""
		}
		return f(*v)
	}
	for _, r := range rows {
		cw.Write([]string{r.Annotator, strconv.Itoa(r.Cases), strconv.Itoa(r.Slices), f(r.ActiveHours), opt(r.SlicesPerHour),
			strconv.Itoa(r.Submits), strconv.Itoa(r.QCErrorsAtSubmit), opt(r.QCErrorsPerSubmit), strconv.Itoa(r.Returns),
			opt(r.ReturnRate), strconv.Itoa(r.DoubleRead), opt(r.MeanDice), opt(r.MeanNSD)})
	}
	cw.Flush()
	return cw.Error()
}
