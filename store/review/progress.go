package review

import (
	"context"
	"fmt"
)

// summarizeReading fills in the worklist's reading columns of sums: the
// second reader and the slice-by-slice review's progress of each case,
// three queries for the whole data set.
func (s *Store) summarizeReading(ctx context.Context, sums []Summary) error {
	at := make(map[string]*Summary, len(sums))
	for i := range sums {
		at[sums[i].ID] = &sums[i]
	}
	type verdicts struct{ accepted, needsFix int }
	by := map[string]map[string]*verdicts{} // case, reviewer
	queries := []struct {
		q    string
		scan func(*rows) error
	}{
		{`SELECT case_id, COUNT(*) FROM case_slices WHERE dataset = $1 GROUP BY case_id`, func(r *rows) error {
			var id string
			var n int
			if err := r.Scan(&id, &n); err != nil {
				return err
			}
			if x := at[id]; x != nil {
				x.Slices.Annotated = n
			}
			return nil
		}},
		{`SELECT r.case_id, r.reviewer, r.state, COUNT(*) FROM slice_reviews r JOIN case_slices cs
			ON cs.dataset = r.dataset AND cs.case_id = r.case_id AND cs.slice = r.slice
			WHERE r.dataset = $1 GROUP BY r.case_id, r.reviewer, r.state`, func(r *rows) error {
			var id, who, state string
			var n int
			if err := r.Scan(&id, &who, &state, &n); err != nil {
				return err
			}
			if by[id] == nil {
				by[id] = map[string]*verdicts{}
			}
			if by[id][who] == nil {
				by[id][who] = &verdicts{}
			}
			switch SliceState(state) {
			case Accepted:
				by[id][who].accepted += n
			case NeedsFix:
				by[id][who].needsFix += n
			}
			return nil
		}},
		{`SELECT case_id, login FROM readers WHERE dataset = $1 AND role = '` + SecondReaderRole + `'`, func(r *rows) error {
			var id, login string
			if err := r.Scan(&id, &login); err != nil {
				return err
			}
			if x := at[id]; x != nil {
				x.SecondReader = login
			}
			return nil
		}},
	}
	for _, q := range queries {
		if err := s.eachRow(ctx, q.q, q.scan); err != nil {
			return fmt.Errorf("reading progress: %w", err)
		}
	}
	for id, x := range at {
		who := x.Reviewer
		if who == "" {
			best := -1
			for name, v := range by[id] {
				if n := v.accepted + v.needsFix; n > best || (n == best && name < who) {
					best, who = n, name
				}
			}
		}
		x.SliceReviewer = who
		if v := by[id][who]; v != nil {
			x.Slices.Accepted, x.Slices.NeedsFix = v.accepted, v.needsFix
		}
	}
	return nil
}
