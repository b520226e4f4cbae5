package casework

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/internal/silent"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/store/review"
)

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// demo writes a 1-case demo data set once and copies it for each test.
func demo(t *testing.T) string {
	t.Helper()
	demoOnce.Do(func() {
		demoDir, demoErr = os.MkdirTemp("", "saros-casework-")
		if demoErr == nil {
			demoErr = store.WriteDemo(demoDir, 1)
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	dst := t.TempDir()
	err := filepath.WalkDir(demoDir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(demoDir, p)
		if d.IsDir() {
			if d.Name() == ".saros" && p != demoDir {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

// harness is a workspace on a Loop, recording its events.
type harness struct {
	t      *testing.T
	loop   *Loop
	w      *Workspace
	events []Event
	clock  time.Time // the clock of active editing time
}

func newHarness(t *testing.T, timeout time.Duration) *harness {
	h := &harness{t: t, loop: NewLoop(), clock: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	h.w = New(Options{Do: h.loop.Do, Timeout: timeout, Now: func() time.Time { return h.clock }})
	h.w.Subscribe(func(ev Event) { h.events = append(h.events, ev) })
	t.Cleanup(func() {
		h.w.Shutdown()
		h.settle()
		if rv := h.w.Review(); rv != nil {
			rv.Close()
		}
	})
	return h
}

// settle runs the loop until no background work is left.
func (h *harness) settle() {
	h.t.Helper()
	if err := h.loop.Run(h.w.Idle, 30*time.Second); err != nil {
		h.t.Fatal(err)
	}
}

// failures are the errors reported so far.
func (h *harness) failures() []error {
	var out []error
	for _, ev := range h.events {
		if ev.Kind == Failed {
			out = append(out, ev.Err)
		}
	}
	return out
}

func (h *harness) count(k Kind) int {
	n := 0
	for _, ev := range h.events {
		if ev.Kind == k {
			n++
		}
	}
	return n
}

// open opens data set dir with its SQLite review store as user and shows
// case i, loaded in the background.
func (h *harness) open(dir, user string, i int) *Case {
	h.t.Helper()
	ds, err := store.Open(dir)
	if err != nil {
		h.t.Fatal(err)
	}
	rv, role, err := OpenReview(ds, filepath.Join(dir, filepath.FromSlash(review.DBFile)), false, 0)
	if err != nil {
		h.t.Fatal(err)
	}
	h.w.SetDataset(ds, rv, user, role)
	return h.show(ds, i)
}

// show loads case i of ds in the background and shows it.
func (h *harness) show(ds *store.Dataset, i int) *Case {
	h.t.Helper()
	var c *Case
	h.w.Go(func() func() {
		cs, err := Load(context.Background(), ds.Cases[i], nil)
		return func() {
			if err != nil {
				h.t.Error(err)
				return
			}
			c = cs
			h.w.Show(c)
		}
	})
	h.settle()
	if c == nil {
		h.t.FailNow()
	}
	return c
}

// dab paints one brush dab of brain in the middle annotated slice.
func dab(t *testing.T, c *Case) int {
	t.Helper()
	ks := c.Layers.Regions.AnnotatedSlices()
	k := ks[len(ks)/2]
	s := c.Edit
	if err := s.Begin("brush: brain"); err != nil {
		t.Fatal(err)
	}
	s.Dab(k, 100, 128, annotate.Brush{Map: annotate.MapRegions, Label: labels.RegionBrain, RadiusMM: 3})
	if s.Commit() == nil {
		t.Fatal("the dab changed nothing")
	}
	return k
}

// TestOpenLockQCSaveRevision: showing a case takes its lock, runs QC and
// tells the store its errors; an edit saved in the background becomes a
// revision with the changes; leaving releases the lock.
func TestOpenLockQCSaveRevision(t *testing.T) {
	h := newHarness(t, 0)
	dir := demo(t)
	c := h.open(dir, "ann", 0)
	ctx := context.Background()
	rv := h.w.Review()
	if l, err := rv.LockOf(ctx, c.ID); err != nil || l.Holder != h.w.User() || !h.w.HoldsLock() {
		t.Fatalf("lock %+v %v", l, err)
	}
	if h.count(QCDone) != 1 || len(c.Findings) == 0 {
		t.Fatalf("QC: %d runs, findings %v", h.count(QCDone), c.Findings)
	}
	if st, _ := rv.Case(ctx, c.ID); st.QCErrors != 1 {
		t.Errorf("QC errors in the store: %d (the demo case has one)", st.QCErrors)
	}
	if !c.Review.Known || c.Review.State.Status != review.New {
		t.Errorf("review state %+v", c.Review)
	}
	// 40 s looking at the case, then an edit: the 40 s are active time.
	h.clock = h.clock.Add(40 * time.Second)
	dab(t, c)
	h.w.Edited()
	if !h.w.Dirty() {
		t.Fatal("not dirty after an edit")
	}
	var saveErr = errors.New("not called")
	h.w.Save(func(err error) { saveErr = err })
	h.settle()
	if saveErr != nil || h.w.Dirty() || h.count(Saved) != 1 {
		t.Fatalf("save: %v, dirty %v", saveErr, h.w.Dirty())
	}
	revs, err := rv.Revisions(ctx, c.ID)
	if err != nil || len(revs) != 1 || revs[0].Author != h.w.User() || revs[0].Changes["regions/10"] <= 0 || len(c.Review.Revisions) != 1 {
		t.Fatalf("revisions %+v %v", revs, err)
	}
	// Effort: the first save's voxels against the proposal are its changes.
	if n := revs[0].VsProposal["regions/10"]; n <= 0 || n != revs[0].Changes["regions/10"] || revs[0].ActiveMS != 40000 {
		t.Errorf("effort: brain %d against the proposal, %d changed, active %d ms", n, revs[0].Changes["regions/10"], revs[0].ActiveMS)
	}
	if h.count(QCDone) != 2 {
		t.Errorf("QC ran %d times; a save runs it again", h.count(QCDone))
	}
	h.w.Close()
	h.settle()
	if _, err := rv.LockOf(ctx, c.ID); err == nil {
		t.Error("lock kept after leaving the case")
	}
	if f := h.failures(); len(f) != 0 {
		t.Errorf("failures: %v", f)
	}
}

// TestSaveWhileDataSetIsReplaced: the save goroutine works on what it was
// given when the save began, so opening another data set (which closes
// and replaces the review session) while it runs is safe (run with
// -race) and the revision goes to the store and user of the save.
func TestSaveWhileDataSetIsReplaced(t *testing.T) {
	h := newHarness(t, 0)
	dir := demo(t)
	c := h.open(dir, "ann", 0)
	rv := h.w.Review()
	dab(t, c)
	saved := false
	h.w.Save(func(err error) {
		if err != nil {
			t.Error(err)
		}
		saved = true
	})
	// At once, on the owner's goroutine: another data set, another person.
	other := demo(t)
	ds, _ := store.Open(other)
	rv2, role, err := OpenReview(ds, "", false, 0)
	if err != nil {
		t.Fatal(err)
	}
	h.w.SetDataset(ds, rv2, "bob", role)
	h.settle()
	if !saved {
		t.Fatal("save did not finish")
	}
	// The first store was closed by SetDataset: read the revision afresh.
	rv1, err := review.OpenFor(context.Background(), dir, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rv1.Close()
	revs, err := rv1.Revisions(context.Background(), c.ID)
	if err != nil || len(revs) != 1 || revs[0].Author != h.w.User() {
		t.Errorf("revisions %+v %v (store %p replaced)", revs, err, rv)
	}
}

// TestFailedSaveKeepsEditsAndSaysSo: a save into a folder that is gone
// fails loudly and keeps every edit.
func TestFailedSaveKeepsEditsAndSaysSo(t *testing.T) {
	h := newHarness(t, 0)
	dir := demo(t)
	c := h.open(dir, "ann", 0)
	k := dab(t, c)
	v := c.Layers.Regions.At(100, 128, k)
	os.RemoveAll(filepath.Join(dir, c.ID))
	var saveErr error
	h.w.Save(func(err error) { saveErr = err })
	h.settle()
	if saveErr == nil || !h.w.Dirty() || c.Layers.Regions.At(100, 128, k) != v {
		t.Fatalf("save error %v, dirty %v", saveErr, h.w.Dirty())
	}
	found := false
	for _, ev := range h.events {
		found = found || ev.Kind == Failed && ev.SaveFailed && strings.Contains(ev.Err.Error(), "every edit is still here")
	}
	if !found {
		t.Errorf("no Failed event for the save: %v", h.failures())
	}
}

// TestQCErrorCountFailureIsReported: when the review store cannot take
// the QC error count (which gates submit and approve), the user is told.
func TestQCErrorCountFailureIsReported(t *testing.T) {
	h := newHarness(t, 0)
	h.open(demo(t), "ann", 0)
	h.w.Review().Close()
	h.w.RunQC()
	h.settle()
	f := h.failures()
	if len(f) == 0 || !strings.Contains(f[len(f)-1].Error(), "QC errors") {
		t.Errorf("failures %v", f)
	}
}

// TestStalledStoreTimesOut: a review store that accepts the connection
// and never answers is given up after the timeout, with an error that
// says it is not answering.
func TestStalledStoreTimesOut(t *testing.T) {
	ds, err := store.Open(demo(t))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, _, err = OpenReview(ds, silent.PostgresURL(t), false, 300*time.Millisecond)
	if !errors.Is(err, ErrNotAnswering) || !strings.Contains(err.Error(), "not answering") {
		t.Fatalf("error %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %v, timeout 300ms", d)
	}
}

// TestAcceptedAndNotesLoadWithCase: accepted findings and slice notes
// kept beside the maps come back with the case.
func TestAcceptedAndNotesLoadWithCase(t *testing.T) {
	h := newHarness(t, 0)
	dir := demo(t)
	c := h.open(dir, "ann", 0)
	sig := "some-finding"
	h.w.Accept(sig, "")
	h.settle()
	ks := c.Layers.Regions.AnnotatedSlices()
	if err := c.Edit.MarkNotAnnotated(ks[3], "motion"); err != nil {
		t.Fatal(err)
	}
	h.w.Save(nil)
	h.settle()
	ds, _ := store.Open(dir)
	again, err := Load(context.Background(), ds.Cases[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Accepted[sig] != "reviewed" || again.Edit.Notes[ks[3]] != "motion" {
		t.Errorf("accepted %v notes %v", again.Accepted, again.Edit.Notes)
	}
	_ = qc.Finding{}
}

// TestLockErrorsAreReported: a renewal of the edit lock that fails, and a
// release that fails, are told to the user, not dropped.
func TestLockErrorsAreReported(t *testing.T) {
	h := &harness{t: t, loop: NewLoop()}
	h.w = New(Options{Do: h.loop.Do, Lease: 900 * time.Millisecond})
	h.w.Subscribe(func(ev Event) { h.events = append(h.events, ev) })
	h.open(demo(t), "ann", 0)
	if !h.w.HoldsLock() {
		t.Fatal("no lock taken")
	}
	h.w.Review().Close() // the store goes away under the lease
	has := func(what string) bool {
		for _, err := range h.failures() {
			if strings.Contains(err.Error(), what) {
				return true
			}
		}
		return false
	}
	if err := h.loop.Run(func() bool { return has("renew the edit lock") }, 10*time.Second); err != nil {
		t.Fatalf("renewal failure not reported: %v", h.failures())
	}
	h.w.Close()
	h.settle()
	if !has("release the edit lock") {
		t.Errorf("release failure not reported: %v", h.failures())
	}
}

// TestShutdownReleasesLockAtOnce: closing the program releases the edit
// lock before Shutdown returns, without waiting for a callback.
func TestShutdownReleasesLockAtOnce(t *testing.T) {
	h := &harness{t: t, loop: NewLoop()}
	h.w = New(Options{Do: h.loop.Do})
	dir := demo(t)
	c := h.open(dir, "ann", 0)
	if err := h.w.Shutdown(); err != nil {
		t.Fatal(err)
	}
	rv, err := review.OpenFor(context.Background(), dir, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rv.Close()
	if _, err := rv.LockOf(context.Background(), c.ID); err == nil {
		t.Error("the lock is still held after Shutdown")
	}
	h.settle()
}

// TestQCOnOpenLendsTheMaps: QC on opening reads the case's own maps, not
// copies, so until it has finished every change is refused with a reason;
// then editing works.
func TestQCOnOpenLendsTheMaps(t *testing.T) {
	h := newHarness(t, 0)
	dir := demo(t)
	ds, _ := store.Open(dir)
	c, err := Load(context.Background(), ds.Cases[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	h.w.Show(c) // QC starts; its result comes through the loop
	if err := c.Edit.Begin("brush"); !errors.Is(err, ErrQCReading) {
		t.Fatalf("an edit during QC on opening: %v", err)
	}
	if _, err := c.Edit.Undo(); !errors.Is(err, ErrQCReading) && !errors.Is(err, annotate.ErrNothing) {
		t.Errorf("undo during QC on opening: %v", err)
	}
	h.settle()
	if h.count(QCDone) != 1 {
		t.Fatal("QC did not run")
	}
	if err := c.Edit.Begin("brush"); err != nil {
		t.Fatalf("an edit after QC: %v", err)
	}
	c.Edit.Abort()
}
