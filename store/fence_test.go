package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/saros-review/saros-review/store/review"
)

// reviewDSNs are the review stores a store test runs against: a SQLite
// file, and the PostgreSQL server of make test when there is one.
func reviewDSNs(t *testing.T) map[string]string {
	out := map[string]string{"sqlite": filepath.Join(t.TempDir(), "review.sqlite")}
	if pg := os.Getenv("SAROS_REVIEW_TEST_PG"); pg != "" {
		out["postgres"] = pg
	} else if os.Getenv("CI") != "" {
		t.Fatal("SAROS_REVIEW_TEST_PG is not set: under CI the PostgreSQL tests must run")
	}
	return out
}

// TestReadOnlyByLockSaveIsRefused: a session that does not hold the case's
// lock (another window of the same person) cannot replace the maps: the
// fence refuses before any file changes. The holder's save goes through.
func TestReadOnlyByLockSaveIsRefused(t *testing.T) {
	ctx := context.Background()
	for name, dsn := range reviewDSNs(t) {
		t.Run(name, func(t *testing.T) {
			c, l := loadCase(t)
			rv, err := review.OpenFor(ctx, filepath.Dir(c.Dir), dsn, []string{c.ID})
			if err != nil {
				t.Fatal(err)
			}
			defer rv.Close()
			holder, reader := review.NewToken(), review.NewToken()
			if err := rv.Acquire(ctx, "ann", c.ID, holder, time.Minute); err != nil {
				t.Fatal(err)
			}
			if err := rv.Acquire(ctx, "ann", c.ID, reader, time.Minute); !errors.Is(err, review.ErrLocked) {
				t.Fatalf("second window: %v", err)
			}
			before := readPair(t, c)
			mark(l, 3)
			_, err = l.SaveLabelsFenced(l.Regions, l.Parts, func() error { return rv.CheckLock(ctx, c.ID, reader) })
			var se *SaveError
			if !errors.Is(err, review.ErrLockLost) || !errors.As(err, &se) || se.OnDisk != Unchanged {
				t.Fatalf("read-only window's save: %v", err)
			}
			after := readPair(t, c)
			if !bytes.Equal(before[0], after[0]) || !bytes.Equal(before[1], after[1]) {
				t.Fatal("the refused save changed a file")
			}
			if _, err := l.SaveLabelsFenced(l.Regions, l.Parts, func() error { return rv.CheckLock(ctx, c.ID, holder) }); err != nil {
				t.Fatalf("holder's save: %v", err)
			}
			if r, p, _ := markers(t, c); r != 3 || p != 3 {
				t.Errorf("holder's save not on disk: %d %d", r, p)
			}
		})
	}
}
