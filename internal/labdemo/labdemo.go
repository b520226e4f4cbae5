// Package labdemo writes a data set's review history made by several
// people (annotators, a reviewer, an admin) into its review store, for the
// lab report's tests and screenshots.
package labdemo

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/saros-review/saros-review/store/review"
)

// Annotators are the people the history has annotate cases.
var Annotators = []string{"ann", "ben", "chen"}

// Reviewer returns and approves their cases.
const Reviewer = "rev"

// Fill writes, into the review store of data set folder root (its SQLite
// file unless $SAROS_REVIEW_DB names another), a history of cases ids (at
// least 3): case i is annotated by Annotators[i%3] on 4+i slices, saved
// after 20+7i active minutes with i%3 QC errors and submitted; an even
// case is returned once, fixed in 10 more minutes and submitted clean,
// then reviewed slice by slice and approved; case 0 is read twice (ann against ben). The login that
// opens the store becomes an admin, so the window opened by that login
// may show the report. It names that login.
func Fill(ctx context.Context, root string, ids []string) (login string, err error) {
	if len(ids) < 3 {
		return "", fmt.Errorf("lab history of %s: %d cases, need at least 3", root, len(ids))
	}
	s, err := review.OpenFor(ctx, root, "", ids)
	if err != nil {
		return "", err
	}
	defer s.Close()
	clock := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	var steps []func() error
	do := func(f func() error) { steps = append(steps, f) }
	login = s.Login()
	do(func() error { return s.AddUser(ctx, login, review.Admin) })
	for _, a := range Annotators {
		do(func() error { return s.AddUser(ctx, a, review.Annotator) })
	}
	do(func() error { return s.AddUser(ctx, Reviewer, review.Reviewer) })
	for i, id := range ids {
		who := Annotators[i%len(Annotators)]
		slices := make([]int, 4+i)
		for n := range slices {
			slices[n] = 1 + 5*n
		}
		save := func(minutes int) func() error {
			return func() error {
				_, err := s.AddRevision(ctx, review.Revision{Case: id, Author: who, Path: "history", ActiveMS: int64(minutes) * 60000})
				return err
			}
		}
		do(func() error { return s.SetAnnotatedSlices(ctx, id, slices) })
		do(func() error { return s.Assign(ctx, login, id, who, Reviewer) })
		do(func() error { return s.Transition(ctx, who, id, review.New, review.InProgress, "", "") })
		do(save(20 + 7*i))
		do(func() error { return s.SetQCErrors(ctx, id, i%3) })
		do(func() error { return s.Transition(ctx, who, id, review.InProgress, review.Submitted, "", "checked") })
		if i%2 == 0 {
			do(func() error {
				return s.Transition(ctx, Reviewer, id, review.Submitted, review.Returned, "thyroid missing", "")
			})
			do(func() error { return s.Transition(ctx, who, id, review.Returned, review.InProgress, "", "") })
			do(save(10))
			do(func() error { return s.SetQCErrors(ctx, id, 0) })
			do(func() error { return s.Transition(ctx, who, id, review.InProgress, review.Submitted, "", "") })
			do(func() error { return s.Transition(ctx, Reviewer, id, review.Submitted, review.InReview, "", "") })
			for _, k := range slices {
				do(func() error {
					return s.ReviewSlice(ctx, Reviewer, id, review.SliceReview{Slice: k, State: review.Accepted})
				})
			}
			do(func() error { return s.Transition(ctx, Reviewer, id, review.InReview, review.Approved, "", "") })
		}
	}
	// The second annotator reads the first case a second time, blind: 25
	// active minutes saved apart from the case's revisions.
	do(func() error { return s.SetSecondReader(ctx, login, ids[0], Annotators[1]) })
	do(func() error {
		return s.RecordReaderSave(ctx, review.ReaderSave{Case: ids[0], Login: Annotators[1], ActiveMS: 25 * 60000,
			VsProposal: map[string]int{"regions/2": 310}})
	})
	do(func() error {
		return s.RecordAgreement(ctx, ids[0], Annotators[0], Annotators[1], []review.Agreement{
			{Map: "regions", Label: 2, Dice: 0.9, NSD: 0.95, HD95: 2.5},
			{Map: "regions", Label: 5, Dice: 0.7, NSD: 0.85, HD95: math.Inf(1)}})
	})
	for n, f := range steps {
		if err := f(); err != nil {
			return "", fmt.Errorf("lab history of %s, step %d: %w", root, n+1, err)
		}
	}
	return login, nil
}
