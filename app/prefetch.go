package app

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/saros-review/saros-review/store"
)

// prefetch loads one case in the background (the next in the worklist)
// so that opening it is instant. It holds at most one case.
type prefetch struct {
	mu     sync.Mutex
	index  int
	done   chan struct{}
	loaded *store.Loaded
	err    error
	cancel context.CancelFunc
}

// start begins loading case i of ds, dropping any other prefetch.
func (p *prefetch) start(ds *store.Dataset, i int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.index == i {
		return
	}
	if p.cancel != nil {
		p.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	p.index, p.done, p.loaded, p.err, p.cancel = i, done, nil, nil, cancel
	go func() {
		l, err := ds.Cases[i].LoadContext(ctx, nil)
		p.mu.Lock()
		if p.done == done {
			p.loaded, p.err = l, err
		}
		p.mu.Unlock()
		close(done)
	}()
}

// take returns case i if it was prefetched and has finished loading
// without error; the prefetch slot is emptied either way when it was i.
func (p *prefetch) take(i int) (*store.Loaded, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.index != i || p.done == nil {
		return nil, false
	}
	select {
	case <-p.done:
	default:
		return nil, false // still loading: the caller loads it itself
	}
	l, err := p.loaded, p.err
	p.index, p.done, p.loaded, p.cancel = -1, nil, nil, nil
	return l, err == nil && l != nil
}

// wait blocks until the prefetch under way (if any) has finished.
func (p *prefetch) wait() {
	p.mu.Lock()
	d := p.done
	p.mu.Unlock()
	if d != nil {
		<-d
	}
}

// drop forgets any prefetch.
func (p *prefetch) drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancel != nil {
		p.cancel()
	}
	p.index, p.done, p.loaded, p.cancel = -1, nil, nil, nil
}

// tracer records input-to-frame latencies and case opening times when
// SAROS_REVIEW_TRACE is set, and prints medians when the app closes. A
// nil tracer records nothing.
type tracer struct {
	mu         sync.Mutex
	frames     []time.Duration
	opens      []string
	openStart  time.Time // when the case being opened was asked for
	prefetched bool      // the case being opened came from the prefetch
	pictured   bool      // the case being opened has shown its CT
}

// asked notes that a case was asked for.
func (t *tracer) asked() {
	if t != nil {
		t.openStart, t.pictured = time.Now(), false
	}
}

// setPrefetched notes whether the case being opened came from the
// prefetch.
func (t *tracer) setPrefetched(p bool) {
	if t != nil {
		t.prefetched = p
	}
}

// frameOf records a frame of case id: the first after asking is the
// opening time, later ones the latency of the input that caused them.
func (t *tracer) frameOf(id string, latency time.Duration) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.openStart.IsZero() {
		t.opens = append(t.opens, fmt.Sprintf("%s %v (prefetched %v)", id, time.Since(t.openStart).Round(time.Millisecond), t.prefetched))
		t.openStart = time.Time{}
		return
	}
	if latency > 0 {
		t.frames = append(t.frames, latency)
	}
}

// pictureOf records the first picture of case id's CT (drawn while its
// labels load): the time since it was asked for.
func (t *tracer) pictureOf(id string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.openStart.IsZero() && !t.pictured {
		t.pictured = true
		t.opens = append(t.opens, fmt.Sprintf("%s first picture of the CT %v", id, time.Since(t.openStart).Round(time.Millisecond)))
	}
}

// summary prints the medians on stderr.
func (t *tracer) summary() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	fs := append([]time.Duration(nil), t.frames...)
	sort.Slice(fs, func(a, b int) bool { return fs[a] < fs[b] })
	if len(fs) > 0 {
		fmt.Fprintf(os.Stderr, "trace: input to frame: %d frames, median %v, 90th percentile %v\n",
			len(fs), fs[len(fs)/2].Round(10*time.Microsecond), fs[len(fs)*9/10].Round(10*time.Microsecond))
	}
	for _, o := range t.opens {
		fmt.Fprintln(os.Stderr, "trace: case asked for to its first frame:", o)
	}
}
