package pool

import (
	"sync/atomic"
	"testing"
)

// Every job runs once, done counts up to n without overlapping calls, and
// no more than jobs run at a time.
func TestEach(t *testing.T) {
	for _, jobs := range []int{0, 1, 3, 50} {
		const n = 40
		var ran [n]int32
		var running, most int32
		var calls []int
		Each(n, jobs, func(i int) {
			r := atomic.AddInt32(&running, 1)
			for {
				m := atomic.LoadInt32(&most)
				if r <= m || atomic.CompareAndSwapInt32(&most, m, r) {
					break
				}
			}
			atomic.AddInt32(&ran[i], 1)
			atomic.AddInt32(&running, -1)
		}, func(f int) { calls = append(calls, f) })
		for i, r := range ran {
			if r != 1 {
				t.Fatalf("jobs %d: job %d ran %d times", jobs, i, r)
			}
		}
		if len(calls) != n || calls[n-1] != n {
			t.Fatalf("jobs %d: done calls %v", jobs, calls)
		}
		if most > int32(max(1, jobs)) {
			t.Fatalf("jobs %d: %d ran at once", jobs, most)
		}
	}
}
