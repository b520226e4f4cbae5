package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var ctx = context.Background()

// backend opens a fresh store: a new SQLite file, or a new database on the
// PostgreSQL server make test starts (SAROS_REVIEW_TEST_PG).
type backend struct {
	name string
	dsn  func(t testing.TB) string
}

func backends(t testing.TB) []backend {
	bs := []backend{{"sqlite", func(t testing.TB) string {
		return filepath.Join(t.TempDir(), "review.sqlite")
	}}}
	pg := os.Getenv("SAROS_REVIEW_TEST_PG")
	if pg == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("SAROS_REVIEW_TEST_PG is not set: under CI the PostgreSQL tests must run (make test starts a server)")
		}
		t.Log("PostgreSQL tests skipped: run them with make test")
		return bs
	}
	return append(bs, backend{"postgres", func(t testing.TB) string {
		admin, err := sql.Open("pgx", pg)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		name := fmt.Sprintf("t_%d_%d", time.Now().UnixNano(), rand.IntN(1e6))
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			t.Fatal(err)
		}
		return strings.Replace(pg, "/postgres?", "/"+name+"?", 1)
	}})
}

func open(t testing.TB, dsn string) *Store {
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// each runs f against every backend with a fresh store holding a team:
// ann (annotator), ann2, rev (reviewer), rad (radiologist), boss (admin)
// and cases case_000 … case_002.
func each(t *testing.T, f func(t *testing.T, s *Store, dsn string)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			s := open(t, dsn)
			for name, role := range map[string]Role{"ann": Annotator, "ann2": Annotator, "rev": Reviewer, "rad": Radiologist, "boss": Admin} {
				if err := s.AddUser(ctx, name, role); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.EnsureCases(ctx, "case_000", "case_001", "case_002"); err != nil {
				t.Fatal(err)
			}
			f(t, s, dsn)
		})
	}
}

func TestMigrationsAreVersioned(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != len(migrations) {
			t.Fatalf("version %d %v", v, err)
		}
		again := open(t, dsn) // reopening does not migrate twice
		if v, _ := again.SchemaVersion(ctx); v != len(migrations) {
			t.Errorf("version after reopening %d", v)
		}
		if c, err := again.Case(ctx, "case_001"); err != nil || c.Status != New {
			t.Errorf("case after reopening: %+v %v", c, err)
		}
	})
}

// TestStatusRules: who may move what, returning needs reasons, annotators
// cannot approve their own case, QC errors need a recorded override.
func TestStatusRules(t *testing.T) {
	each(t, func(t *testing.T, s *Store, _ string) {
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Transition(ctx, "rev", "case_000", New, InProgress, "", ""); !errors.Is(err, ErrForbidden) {
			t.Errorf("reviewer starting annotation: %v", err)
		}
		must(s.Assign(ctx, "boss", "case_000", "ann", "rev"))
		if err := s.Assign(ctx, "ann", "case_000", "ann", "ann"); !errors.Is(err, ErrForbidden) {
			t.Errorf("annotator assigning: %v", err)
		}
		must(s.Transition(ctx, "ann", "case_000", New, InProgress, "", ""))
		must(s.SetQCErrors(ctx, "case_000", 2))
		if err := s.Transition(ctx, "ann", "case_000", InProgress, Submitted, "", ""); !errors.Is(err, ErrQCErrors) {
			t.Errorf("submitting with QC errors: %v", err)
		}
		must(s.Transition(ctx, "ann", "case_000", InProgress, Submitted, "", "metal artefact makes the bone check misfire"))
		must(s.Transition(ctx, "rev", "case_000", Submitted, InReview, "", ""))
		if err := s.Transition(ctx, "rev", "case_000", InReview, Returned, "", ""); err == nil {
			t.Error("returned without reasons")
		}
		if err := s.Transition(ctx, "rad", "case_000", InReview, Approved, "", "ok"); !errors.Is(err, ErrForbidden) {
			t.Errorf("radiologist approving: %v", err)
		}
		// An admin who annotated the case cannot approve it.
		must(s.Assign(ctx, "boss", "case_001", "boss", "rev"))
		must(s.Transition(ctx, "boss", "case_001", New, InProgress, "", ""))
		must(s.Transition(ctx, "boss", "case_001", InProgress, Submitted, "", ""))
		must(s.Transition(ctx, "rev", "case_001", Submitted, InReview, "", ""))
		if err := s.Transition(ctx, "boss", "case_001", InReview, Approved, "", ""); !errors.Is(err, ErrForbidden) {
			t.Errorf("approving one's own case: %v", err)
		}
		if err := s.Transition(ctx, "rev", "case_000", Submitted, InReview, "", ""); !errors.Is(err, ErrConflict) {
			t.Errorf("stale transition: %v", err)
		}
		ev, _ := s.Audit(ctx, "case_000")
		var overrides int
		for _, e := range ev {
			if e.Action == "qc override" && strings.Contains(e.Detail, "metal artefact") {
				overrides++
			}
		}
		if overrides != 1 {
			t.Errorf("audit %+v", ev)
		}
	})
}

// TestLocks: one editor at a time, the second learns the holder's name,
// leases expire by themselves, admins can break a lock (audited).
func TestLocks(t *testing.T) {
	each(t, func(t *testing.T, s *Store, _ string) {
		now := time.UnixMilli(1_700_000_000_000)
		s.Now = func() time.Time { return now }
		if err := s.TakeLock(ctx, "ann", "case_000", time.Minute); err != nil {
			t.Fatal(err)
		}
		var le *LockError
		err := s.TakeLock(ctx, "ann2", "case_000", time.Minute)
		if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.Lock.Holder != "ann" || !strings.Contains(err.Error(), "edited by ann") {
			t.Fatalf("second editor: %v", err)
		}
		if err := s.TakeLock(ctx, "ann", "case_000", 2*time.Minute); err != nil {
			t.Errorf("renewing: %v", err)
		}
		now = now.Add(3 * time.Minute) // lease expired
		passTime(t, s, 3*time.Minute)
		if err := s.TakeLock(ctx, "ann2", "case_000", time.Minute); err != nil {
			t.Errorf("after expiry: %v", err)
		}
		if err := s.BreakLock(ctx, "rev", "case_000", "x"); !errors.Is(err, ErrForbidden) {
			t.Errorf("reviewer breaking: %v", err)
		}
		if err := s.BreakLock(ctx, "boss", "case_000", "ann2 went home"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LockOf(ctx, "case_000"); !errors.Is(err, ErrNotFound) {
			t.Errorf("lock after breaking: %v", err)
		}
		ev, _ := s.Audit(ctx, "case_000")
		if len(ev) != 1 || ev[0].Action != "break lock" || !strings.Contains(ev[0].Detail, "held by ann2") {
			t.Errorf("audit %+v", ev)
		}
	})
}

// TestRacingClients: many clients, each with its own connection, race for
// the same lock and the same status change: exactly one wins each.
func TestRacingClients(t *testing.T) {
	each(t, func(t *testing.T, s *Store, dsn string) {
		if err := s.Assign(ctx, "boss", "case_002", "ann", "rev"); err != nil {
			t.Fatal(err)
		}
		const n = 12
		for _, u := range []string{"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11"} {
			s.AddUser(ctx, u, Annotator)
		}
		clients := make([]*Store, n)
		for i := range clients {
			clients[i] = open(t, dsn)
		}
		race := func(f func(i int) error) (wins int, errs []error) {
			var mu sync.Mutex
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := 0; i < n; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					err := f(i)
					mu.Lock()
					defer mu.Unlock()
					if err == nil {
						wins++
					} else {
						errs = append(errs, err)
					}
				}()
			}
			close(start)
			wg.Wait()
			return wins, errs
		}
		wins, errs := race(func(i int) error { return clients[i].TakeLock(ctx, fmt.Sprintf("r%d", i), "case_002", time.Minute) })
		if wins != 1 {
			t.Errorf("%d clients took the lock", wins)
		}
		for _, err := range errs {
			if !errors.Is(err, ErrLocked) {
				t.Errorf("lock race: %v", err)
			}
		}
		wins, errs = race(func(i int) error { return clients[i].Transition(ctx, "ann", "case_002", New, InProgress, "", "") })
		if wins != 1 {
			t.Errorf("%d clients changed the status", wins)
		}
		for _, err := range errs {
			if !errors.Is(err, ErrConflict) {
				t.Errorf("status race: %v", err)
			}
		}
		ev, _ := s.Audit(ctx, "case_002")
		if got := countActions(ev, "status"); got != 1 {
			t.Errorf("%d status events", got)
		}
	})
}

func countActions(ev []Event, action string) int {
	n := 0
	for _, e := range ev {
		if e.Action == action {
			n++
		}
	}
	return n
}

// TestScenario walks one case through annotator → reviewer (flag, return)
// → annotator (fix, resolve, submit) → reviewer (approve); the history
// shows each step.
func TestScenario(t *testing.T) {
	each(t, func(t *testing.T, s *Store, _ string) {
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		id := "case_000"
		must(s.Assign(ctx, "boss", id, "ann", "rev"))
		must(s.Transition(ctx, "ann", id, New, InProgress, "", ""))
		must(s.TakeLock(ctx, "ann", id, time.Minute))
		if _, err := s.AddRevision(ctx, Revision{Case: id, Author: "ann", Path: "history/1", Changes: map[string]int{"regions/2": 340}, QCWarnings: 3}); err != nil {
			t.Fatal(err)
		}
		must(s.ReleaseLock(ctx, "ann", id))
		must(s.Transition(ctx, "ann", id, InProgress, Submitted, "", ""))
		must(s.Transition(ctx, "rev", id, Submitted, InReview, "", ""))
		fid, err := s.AddFlag(ctx, Flag{Case: id, Map: "regions", Slice: 26, Label: 5, I: 149, J: 108, Category: WrongLabel,
			Comment: "calcified vessel labelled bone", Author: "rev"})
		must(err)
		must(s.AddComment(ctx, "rev", id, "one speck left; otherwise good"))
		must(s.Transition(ctx, "rev", id, InReview, Returned, "bone speck in the abdominal cavity", ""))
		if sum, _ := s.Summaries(ctx); sum[0].OpenFlags != 1 || sum[0].Status != Returned {
			t.Errorf("summary %+v", sum[0])
		}
		must(s.Transition(ctx, "ann", id, Returned, InProgress, "", ""))
		if _, err := s.AddRevision(ctx, Revision{Case: id, Author: "ann", Path: "history/2", Changes: map[string]int{"regions/5": -9, "regions/3": 9}}); err != nil {
			t.Fatal(err)
		}
		must(s.ResolveFlag(ctx, "ann", fid, "relabelled as abdominal cavity"))
		if err := s.ResolveFlag(ctx, "ann", fid, "again"); !errors.Is(err, ErrConflict) {
			t.Errorf("resolving twice: %v", err)
		}
		must(s.Transition(ctx, "ann", id, InProgress, Submitted, "", ""))
		must(s.Transition(ctx, "rev", id, Submitted, InReview, "", ""))
		must(s.Transition(ctx, "rev", id, InReview, Approved, "", ""))
		c, _ := s.Case(ctx, id)
		fl, _ := s.Flags(ctx, id)
		revs, _ := s.Revisions(ctx, id)
		com, _ := s.Comments(ctx, id)
		ev, _ := s.Audit(ctx, id)
		if c.Status != Approved || len(fl) != 1 || fl[0].ResolvedBy != "ann" || len(revs) != 2 || revs[1].Changes["regions/3"] != 9 || len(com) != 1 {
			t.Fatalf("case %+v flags %+v revisions %d comments %d", c, fl, len(revs), len(com))
		}
		var steps []string
		for _, e := range ev {
			steps = append(steps, e.Actor+": "+e.Detail)
		}
		want := []string{
			"boss: annotator \"ann\", reviewer \"rev\"",
			"ann: new → in progress", "ann: in progress → submitted", "rev: submitted → in review",
			"rev: in review → returned: bone speck in the abdominal cavity", "ann: returned → in progress",
			"ann: in progress → submitted", "rev: submitted → in review", "rev: in review → approved",
		}
		if strings.Join(steps, "\n") != strings.Join(want, "\n") {
			t.Errorf("history:\n%s", strings.Join(steps, "\n"))
		}
	})
}

func TestNextAndIdentify(t *testing.T) {
	if got := fmt.Sprint(Next(Reviewer, InReview)); got != "[approved returned]" {
		t.Errorf("reviewer from in review: %s", got)
	}
	if got := Next(Annotator, InReview); len(got) != 0 {
		t.Errorf("annotator from in review: %v", got)
	}
	for _, b := range backends(t) {
		s := open(t, b.dsn(t))
		if r, err := s.Identify(ctx, "first"); err != nil || r != Admin {
			t.Errorf("%s: first person %s %v", b.name, r, err)
		}
		if r, _ := s.Identify(ctx, "second"); r != Annotator {
			t.Errorf("%s: second person %s", b.name, r)
		}
		if r, _ := s.Identify(ctx, "first"); r != Admin {
			t.Errorf("%s: first person again %s", b.name, r)
		}
	}
}
