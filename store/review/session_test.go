package review

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// passTime makes d pass for the store's leases. On SQLite the store's
// clock is Store.Now, so a test sets that itself; on PostgreSQL leases run
// on the server's clock, which a test cannot move, so the leases are moved
// back instead: for a lock the same thing.
func passTime(t *testing.T, s *Store, d time.Duration) {
	t.Helper()
	if s.Dialect() != "postgres" {
		return
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE locks SET expires = expires - $1 WHERE dataset = $2`, d.Milliseconds(), s.dataset); err != nil {
		t.Fatal(err)
	}
}

// sleepPast makes d pass on the store's clock, whatever the backend: the
// laptop of the session sleeps for d.
func sleepPast(t *testing.T, s *Store, d time.Duration) {
	t.Helper()
	if s.Dialect() == "postgres" {
		passTime(t, s, d)
		return
	}
	now := s.Now
	s.Now = func() time.Time { return now().Add(d) }
}

// TestSameUserTwoSessions: one person's two windows are two sessions; the
// second cannot take the lock, and its save is refused by the fence.
func TestSameUserTwoSessions(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		w1, w2 := NewToken(), NewToken()
		if w1 == w2 || len(w1) != 32 {
			t.Fatalf("tokens %q %q", w1, w2)
		}
		if err := s.Acquire(ctx, "ann", "case_000", w1, time.Minute); err != nil {
			t.Fatal(err)
		}
		var le *LockError
		if err := s.Acquire(ctx, "ann", "case_000", w2, time.Minute); !errors.As(err, &le) || le.Lock.Holder != "ann" {
			t.Fatalf("second window of the same person: %v", err)
		}
		if err := s.CheckLock(ctx, "case_000", w1); err != nil {
			t.Errorf("the holder's fence: %v", err)
		}
		err := s.CheckLock(ctx, "case_000", w2)
		if !errors.Is(err, ErrLockLost) || !strings.Contains(err.Error(), "taken by ann") {
			t.Errorf("the read-only window's fence: %v", err)
		}
		if err := s.Renew(ctx, "case_000", w2, time.Minute); !errors.Is(err, ErrLockLost) {
			t.Errorf("renewing someone else's lock: %v", err)
		}
		// The old by-name lock cannot override a session's either.
		if err := s.TakeLock(ctx, "ann", "case_000", time.Minute); !errors.Is(err, ErrLocked) {
			t.Errorf("by-name lock over a session: %v", err)
		}
		if err := s.Release(ctx, "case_000", w2); err != nil {
			t.Fatal(err)
		}
		if err := s.CheckLock(ctx, "case_000", w1); err != nil {
			t.Errorf("another session's release freed the lock: %v", err)
		}
		if err := s.Release(ctx, "case_000", w1); err != nil {
			t.Fatal(err)
		}
		if err := s.CheckLock(ctx, "case_000", w1); !errors.Is(err, ErrLockLost) || !strings.Contains(err.Error(), "released or broken") {
			t.Errorf("fence after release: %v", err)
		}
		if err := s.Acquire(ctx, "ann", "case_000", w2, time.Minute); err != nil {
			t.Errorf("after release: %v", err)
		}
	})
}

// TestLeaseExpiresWhileAsleep: a session whose computer sleeps past its
// lease finds, on waking, that someone else took and saved the case: its
// renewal and its save fence fail. Had nobody taken it, the fence still
// refuses until the session acquires again.
func TestLeaseExpiresWhileAsleep(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		laptop, other := NewToken(), NewToken()
		if err := s.Acquire(ctx, "ann", "case_000", laptop, time.Minute); err != nil {
			t.Fatal(err)
		}
		colleague := open(t, dsn)
		colleague.dataset = s.dataset
		sleepPast(t, s, 2*time.Minute)
		colleague.Now = s.Now // one store clock for SQLite's one file
		if err := colleague.Acquire(ctx, "ann2", "case_000", other, time.Minute); err != nil {
			t.Fatalf("colleague after the lease: %v", err)
		}
		if err := colleague.CheckLock(ctx, "case_000", other); err != nil {
			t.Fatalf("colleague's save fence: %v", err)
		}
		err := s.Renew(ctx, "case_000", laptop, time.Minute)
		if !errors.Is(err, ErrLockLost) || !strings.Contains(err.Error(), "taken by ann2") {
			t.Errorf("renewal on waking: %v", err)
		}
		if err := s.CheckLock(ctx, "case_000", laptop); !errors.Is(err, ErrLockLost) {
			t.Errorf("save on waking: %v", err)
		}

		// Nobody takes case_001 while the laptop sleeps.
		if err := s.Acquire(ctx, "ann", "case_001", laptop, time.Minute); err != nil {
			t.Fatal(err)
		}
		sleepPast(t, s, 2*time.Minute)
		err = s.CheckLock(ctx, "case_001", laptop)
		if !errors.Is(err, ErrLockLost) || !strings.Contains(err.Error(), "lease ran out") {
			t.Errorf("save after the lease ran out: %v", err)
		}
		if err := s.Renew(ctx, "case_001", laptop, time.Minute); !errors.Is(err, ErrLockLost) {
			t.Errorf("renewal after the lease ran out: %v", err)
		}
		if err := s.Acquire(ctx, "ann", "case_001", laptop, time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := s.CheckLock(ctx, "case_001", laptop); err != nil {
			t.Errorf("after acquiring again: %v", err)
		}
		// Less than the fence margin left: refused, so no rename runs past the lease.
		sleepPast(t, s, time.Minute-FenceMargin/2)
		if err := s.CheckLock(ctx, "case_001", laptop); !errors.Is(err, ErrLockLost) {
			t.Errorf("inside the margin: %v", err)
		}
	})
}

// TestLeasesUseTheServersClock: on PostgreSQL a client whose own clock is
// an hour ahead neither steals a live lock nor shortens its own lease.
func TestLeasesUseTheServersClock(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		if s.Dialect() != "postgres" {
			return
		}
		a, b := NewToken(), NewToken()
		if err := s.Acquire(ctx, "ann", "case_000", a, time.Minute); err != nil {
			t.Fatal(err)
		}
		skewed := open(t, dsn)
		skewed.dataset = s.dataset
		skewed.Now = func() time.Time { return time.Now().Add(time.Hour) }
		if err := skewed.Acquire(ctx, "ann2", "case_000", b, time.Minute); !errors.Is(err, ErrLocked) {
			t.Errorf("a fast clock stole a live lock: %v", err)
		}
		s.Now = func() time.Time { return time.Now().Add(-time.Hour) }
		if err := s.CheckLock(ctx, "case_000", a); err != nil {
			t.Errorf("a slow clock lost its lease: %v", err)
		}
	})
}
