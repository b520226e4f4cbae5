package review

import (
	"context"
	"errors"
	"fmt"
	"sort"
)

// sliceReviewMigration adds the review of each annotated slice, the effort
// of each save, a log of status changes for the lab report and stored
// agreement scores. Rows are keyed by data set and case id like the other
// tables.
const sliceReviewMigration = `CREATE TABLE case_slices (dataset TEXT NOT NULL, case_id TEXT NOT NULL, slice INTEGER NOT NULL,
	   PRIMARY KEY (dataset, case_id, slice));
	 CREATE TABLE slice_reviews (dataset TEXT NOT NULL, case_id TEXT NOT NULL, reviewer TEXT NOT NULL, slice INTEGER NOT NULL,
	   state TEXT NOT NULL, flag_id BIGINT, comment TEXT NOT NULL, updated BIGINT NOT NULL,
	   PRIMARY KEY (dataset, case_id, reviewer, slice));
	 ALTER TABLE revisions ADD COLUMN active_ms BIGINT NOT NULL DEFAULT 0;
	 ALTER TABLE revisions ADD COLUMN vs_proposal TEXT NOT NULL DEFAULT '{}';
	 CREATE TABLE status_events (id {{id}}, dataset TEXT NOT NULL, case_id TEXT NOT NULL, actor TEXT NOT NULL, annotator TEXT,
	   from_status TEXT NOT NULL, to_status TEXT NOT NULL, qc_errors INTEGER NOT NULL, created BIGINT NOT NULL);
	 CREATE TABLE agreements (id {{id}}, dataset TEXT NOT NULL, case_id TEXT NOT NULL, reader_a TEXT NOT NULL, reader_b TEXT NOT NULL,
	   map TEXT NOT NULL, label INTEGER NOT NULL, dice DOUBLE PRECISION NOT NULL, nsd DOUBLE PRECISION NOT NULL,
	   hd95_mm DOUBLE PRECISION, created BIGINT NOT NULL);
	 CREATE INDEX status_events_case ON status_events (dataset, case_id);
	 CREATE INDEX agreements_case ON agreements (dataset, case_id);`

// SliceState is a reviewer's verdict on one annotated slice.
type SliceState string

// The states of a slice's review.
const (
	Unreviewed SliceState = "unreviewed"
	Accepted   SliceState = "accepted"
	NeedsFix   SliceState = "needs fix"
)

// ErrSlicesNotAccepted is Transition's answer to approving a case whose
// annotated slices the approver has not all accepted, without an override.
var ErrSlicesNotAccepted = errors.New("not every annotated slice is accepted")

// SliceReview is a reviewer's state of one slice; a needs-fix verdict
// carries the flag that says what to fix (FlagID, 0 for none) or a comment.
type SliceReview struct {
	Slice   int
	State   SliceState
	FlagID  int64
	Comment string
	Updated int64 // unix ms; 0 while unreviewed
}

// SetAnnotatedSlices records which axial slices of a case are annotated
// (the case model calls it when it opens or saves a case). Reviews of
// slices no longer annotated are kept but no longer counted.
func (s *Store) SetAnnotatedSlices(ctx context.Context, id string, slices []int) error {
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM case_slices WHERE case_id = $1 AND dataset = $2`, id, s.dataset); err != nil {
			return fmt.Errorf("annotated slices of %s: %w", id, err)
		}
		for _, k := range slices {
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_slices (dataset, case_id, slice) VALUES ($3, $1, $2) ON CONFLICT DO NOTHING`, id, k, s.dataset); err != nil {
				return fmt.Errorf("annotated slices of %s: %w", id, err)
			}
		}
		return nil
	})
}

// AnnotatedSlices returns the annotated slices recorded for a case, in
// order (none when never recorded).
func (s *Store) AnnotatedSlices(ctx context.Context, id string) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT slice FROM case_slices WHERE case_id = $1 AND dataset = $2 ORDER BY slice`, id, s.dataset)
	if err != nil {
		return nil, fmt.Errorf("annotated slices of %s: %w", id, err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var k int
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// ReviewSlice records reviewer's verdict on an annotated slice of a case:
// accepted, needs fix (with a flag or a comment saying what) or back to
// unreviewed. Only reviewers, radiologists and admins review slices.
func (s *Store) ReviewSlice(ctx context.Context, reviewer, id string, r SliceReview) error {
	op := fmt.Sprintf("review slice %d of %s", r.Slice, id)
	role, err := s.RoleOf(ctx, reviewer)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if role != Reviewer && role != Radiologist && role != Admin {
		return fmt.Errorf("%s: %s is %s: %w", op, reviewer, role.Article(), ErrForbidden)
	}
	switch r.State {
	case Unreviewed, Accepted:
	case NeedsFix:
		if r.FlagID == 0 && r.Comment == "" {
			return fmt.Errorf("%s: needs fix says what: a flag or a comment", op)
		}
	default:
		return fmt.Errorf("%s: unknown state %q", op, r.State)
	}
	return s.inTx(ctx, func(tx *txn) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM case_slices WHERE case_id = $1 AND slice = $2 AND dataset = $3`, id, r.Slice, s.dataset).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%s: not an annotated slice of the case: %w", op, ErrNotFound)
		}
		var flag any
		if r.FlagID != 0 {
			flag = r.FlagID
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO slice_reviews (case_id, reviewer, slice, state, flag_id, comment, updated, dataset)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (dataset, case_id, reviewer, slice) DO UPDATE SET state = excluded.state, flag_id = excluded.flag_id,
			comment = excluded.comment, updated = excluded.updated`,
			id, reviewer, r.Slice, string(r.State), flag, r.Comment, s.now(), s.dataset)
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		return nil
	})
}

// SliceReviews returns reviewer's state of every annotated slice of a
// case, in slice order (unreviewed where they have said nothing).
func (s *Store) SliceReviews(ctx context.Context, id, reviewer string) ([]SliceReview, error) {
	return sliceReviews(ctx, s.db, s.dataset, id, reviewer)
}

// querier is a database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*rows, error)
}

func sliceReviews(ctx context.Context, db querier, dataset, id, reviewer string) ([]SliceReview, error) {
	rows, err := db.QueryContext(ctx, `SELECT cs.slice, COALESCE(r.state, 'unreviewed'), COALESCE(r.flag_id, 0), COALESCE(r.comment, ''), COALESCE(r.updated, 0)
		FROM case_slices cs LEFT JOIN slice_reviews r ON r.dataset = cs.dataset AND r.case_id = cs.case_id AND r.slice = cs.slice AND r.reviewer = $2
		WHERE cs.case_id = $1 AND cs.dataset = $3 ORDER BY cs.slice`, id, reviewer, dataset)
	if err != nil {
		return nil, fmt.Errorf("slice reviews of %s: %w", id, err)
	}
	defer rows.Close()
	var out []SliceReview
	for rows.Next() {
		var r SliceReview
		var st string
		if err := rows.Scan(&r.Slice, &st, &r.FlagID, &r.Comment, &r.Updated); err != nil {
			return nil, err
		}
		r.State = SliceState(st)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Progress counts a reviewer's verdicts on a case's annotated slices.
type Progress struct {
	Annotated int `json:"annotated"`
	Accepted  int `json:"accepted"`
	NeedsFix  int `json:"needs_fix"`
}

// Reviewed is the number of slices with a verdict.
func (p Progress) Reviewed() int { return p.Accepted + p.NeedsFix }

// String reads "37 of 46 slices reviewed".
func (p Progress) String() string {
	return fmt.Sprintf("%d of %d slices reviewed", p.Reviewed(), p.Annotated)
}

// ReviewProgress counts reviewer's verdicts on the annotated slices of a
// case.
func (s *Store) ReviewProgress(ctx context.Context, id, reviewer string) (Progress, error) {
	rs, err := s.SliceReviews(ctx, id, reviewer)
	if err != nil {
		return Progress{}, err
	}
	p := Progress{Annotated: len(rs)}
	for _, r := range rs {
		switch r.State {
		case Accepted:
			p.Accepted++
		case NeedsFix:
			p.NeedsFix++
		}
	}
	return p, nil
}

// NextUnreviewed returns the first annotated slice after slice `after`
// (wrapping round) that reviewer has not reviewed, and false when there is
// none: the key that walks a reviewer through a case.
func (s *Store) NextUnreviewed(ctx context.Context, id, reviewer string, after int) (int, bool, error) {
	rs, err := s.SliceReviews(ctx, id, reviewer)
	if err != nil {
		return 0, false, err
	}
	i := sort.Search(len(rs), func(i int) bool { return rs[i].Slice > after })
	for n := 0; n < len(rs); n++ {
		if r := rs[(i+n)%len(rs)]; r.State == Unreviewed {
			return r.Slice, true, nil
		}
	}
	return 0, false, nil
}

// SlicesEdited sends the accepted slices among those an edit changed back
// to unreviewed, for every reviewer (the case model calls it with the
// slices of each saved edit), audits the reset and returns the slices
// reset. Needs-fix verdicts stay until their reviewer looks again.
func (s *Store) SlicesEdited(ctx context.Context, actor, id string, slices []int) ([]int, error) {
	var reset []int
	err := s.inTx(ctx, func(tx *txn) error {
		seen := map[int]bool{}
		for _, k := range slices {
			if seen[k] {
				continue
			}
			seen[k] = true
			res, err := tx.ExecContext(ctx, `UPDATE slice_reviews SET state = $1, updated = $2
				WHERE case_id = $3 AND slice = $4 AND state = $5 AND dataset = $6`, string(Unreviewed), s.now(), id, k, string(Accepted), s.dataset)
			if err != nil {
				return fmt.Errorf("reset slice %d of %s: %w", k, id, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				reset = append(reset, k)
			}
		}
		if len(reset) == 0 {
			return nil
		}
		sort.Ints(reset)
		return s.audit(ctx, tx, id, actor, "slice review reset", fmt.Sprintf("edited accepted slices %v", reset))
	})
	return reset, err
}

// unaccepted counts the annotated slices of a case the reviewer has not
// accepted, inside a transaction.
func unaccepted(ctx context.Context, tx *txn, dataset, id, reviewer string) (n, annotated int, err error) {
	rs, err := sliceReviews(ctx, tx, dataset, id, reviewer)
	if err != nil {
		return 0, 0, err
	}
	for _, r := range rs {
		if r.State != Accepted {
			n++
		}
	}
	return n, len(rs), nil
}
