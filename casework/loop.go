package casework

import (
	"fmt"
	"sync"
	"time"
)

// Loop is an owner's goroutine for a workspace without a UI toolkit
// (tests, headless tools): Do queues a function from any goroutine, and
// Run executes the queue on the goroutine that calls it.
type Loop struct {
	mu    sync.Mutex
	queue []func()
	wake  chan struct{}
}

// NewLoop makes an empty loop.
func NewLoop() *Loop { return &Loop{wake: make(chan struct{}, 1)} }

// Do queues f; it never blocks.
func (l *Loop) Do(f func()) {
	l.mu.Lock()
	l.queue = append(l.queue, f)
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// RunOnce runs the functions queued so far; it reports how many.
func (l *Loop) RunOnce() int {
	l.mu.Lock()
	q := l.queue
	l.queue = nil
	l.mu.Unlock()
	for _, f := range q {
		f()
	}
	return len(q)
}

// Run runs queued functions on the calling goroutine until done reports
// true (checked after each batch), or fails after timeout.
func (l *Loop) Run(done func() bool, timeout time.Duration) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		l.RunOnce()
		if done() {
			return nil
		}
		select {
		case <-l.wake:
		case <-deadline.C:
			return fmt.Errorf("casework.Loop: not done after %s", timeout)
		}
	}
}
