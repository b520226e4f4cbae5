// Package pool runs numbered jobs on a fixed number of workers: the one
// worker pool of the headless commands and the QC batch runner. It
// imports nothing of ours.
package pool

import "sync"

// Each runs fn(i) for i in 0..n−1 on jobs workers (at least one) and
// tells done how many have finished after each one (done may be nil; its
// calls never overlap). It returns when every job has.
func Each(n, jobs int, fn func(i int), done func(finished int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	finished := 0
	for w := 0; w < max(1, jobs); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
				mu.Lock()
				finished++
				if done != nil {
					done(finished)
				}
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
