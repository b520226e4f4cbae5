package review

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"
)

// IdleGap is the longest pause between two edits that still counts as
// editing time.
const IdleGap = 2 * time.Minute

// Activity measures active editing time: the case model tells it the time
// of every edit; gaps between edits count up to IdleGap, longer gaps (the
// annotator went for coffee) not at all. The zero value is ready.
type Activity struct {
	last   time.Time
	active time.Duration
}

// Touch records an edit at time t (edits arrive in time order; an earlier
// t is taken as simultaneous).
func (a *Activity) Touch(t time.Time) {
	if !a.last.IsZero() {
		if gap := t.Sub(a.last); gap > 0 && gap <= IdleGap {
			a.active += gap
		}
	}
	if t.After(a.last) {
		a.last = t
	}
}

// Add gives back editing time taken for a save that failed.
func (a *Activity) Add(d time.Duration) {
	if d > 0 {
		a.active += d
	}
}

// Active is the editing time counted so far.
func (a *Activity) Active() time.Duration { return a.active }

// Take returns the editing time counted so far and starts counting again
// from the last edit (call it at each save; the time goes to the revision).
func (a *Activity) Take() time.Duration {
	d := a.active
	a.active = 0
	return d
}

// Agreement is one label's agreement of two readers of a case (a double
// reading), as the compare command computes it.
type Agreement struct {
	Map   string
	Label int
	Dice  float64
	NSD   float64
	HD95  float64 // mm; +Inf when undefined (stored as NULL)
}

// RecordAgreement stores the agreement of two readers of a case. The
// table is append-only (a team login may not delete from it); the lab
// report counts only the latest agreement recorded for two readers of a
// case, so comparing them again counts once.
func (s *Store) RecordAgreement(ctx context.Context, id, readerA, readerB string, scores []Agreement) error {
	now := s.now()
	return s.inTx(ctx, func(txx *txn) error {
		if s.dialect == "postgres" {
			// One recording of a case at a time (SQLite's writers are one
			// at a time already), so the next is always later.
			if _, err := txx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, "agreements/"+s.dataset+"/"+id); err != nil {
				return fmt.Errorf("agreement of %s: %w", id, err)
			}
		}
		// The rows of one recording share their time, later than any
		// earlier recording of the two readers even within a millisecond:
		// the lab report tells the latest by it.
		var last sql.NullInt64
		if err := txx.QueryRowContext(ctx, `SELECT MAX(created) FROM agreements WHERE dataset = $1 AND case_id = $2
			AND ((reader_a = $3 AND reader_b = $4) OR (reader_a = $4 AND reader_b = $3))`, s.dataset, id, readerA, readerB).Scan(&last); err != nil {
			return fmt.Errorf("agreement of %s: %w", id, err)
		}
		if last.Valid && last.Int64 >= now {
			now = last.Int64 + 1
		}
		for _, a := range scores {
			if math.IsNaN(a.Dice) || math.IsNaN(a.NSD) {
				return fmt.Errorf("agreement of %s %s %d: no score", id, a.Map, a.Label)
			}
			var hd any
			if !math.IsInf(a.HD95, 0) && !math.IsNaN(a.HD95) {
				hd = a.HD95
			}
			if _, err := txx.ExecContext(ctx, `INSERT INTO agreements (case_id, reader_a, reader_b, map, label, dice, nsd, hd95_mm, created, dataset)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, id, readerA, readerB, a.Map, a.Label, a.Dice, a.NSD, hd, now, s.dataset); err != nil {
				return fmt.Errorf("agreement of %s: %w", id, err)
			}
		}
		return nil
	})
}
