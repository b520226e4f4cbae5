package review

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// TestKeepReportsEveryFailedRenewal: renewals that work say nothing; once
// the lease ran out and someone else took the case, the loss is reported
// and the keeping ends.
func TestKeepReportsEveryFailedRenewal(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		var off atomic.Int64 // the store's clock, moved while Keep runs
		s.Now = func() time.Time { return time.Now().Add(time.Duration(off.Load())) }
		mine := NewToken()
		if err := s.Acquire(ctx, "ann", "case_000", mine, time.Minute); err != nil {
			t.Fatal(err)
		}
		ticks := make(chan time.Time)
		errs := make(chan error, 4)
		done := make(chan struct{})
		kctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			s.Keep(kctx, "case_000", mine, time.Minute, ticks, func(err error) { errs <- err })
			close(done)
		}()
		ticks <- time.Now()
		ticks <- time.Now() // the first renewal has run once the second tick is taken
		select {
		case err := <-errs:
			t.Fatalf("a working renewal reported %v", err)
		default:
		}
		off.Add(int64(2 * time.Minute)) // SQLite's leases
		passTime(t, s, 2*time.Minute)   // PostgreSQL's
		other := open(t, dsn)
		other.dataset, other.Now = s.dataset, s.Now
		if err := other.Acquire(ctx, "ann2", "case_000", NewToken(), time.Minute); err != nil {
			t.Fatal(err)
		}
		// The renewal of the second tick may still be running when the
		// clock moves: then it reports the loss and keeping ends before a
		// third tick is taken.
		var lost error
		select {
		case ticks <- time.Now():
			lost = <-errs
		case lost = <-errs:
		}
		if !errors.Is(lost, ErrLockLost) {
			t.Errorf("loss reported as %v", lost)
		}
		<-done // keeping ended by itself
	})
}
