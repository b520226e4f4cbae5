package cli

import (
	"fmt"
	"sync"
)

// eachCase runs fn(i) for i in 0..n−1 on jobs workers (at least one) and
// tells done how many have finished after each one (done may be nil;
// its calls never overlap).
func eachCase(n, jobs int, fn func(i int), done func(finished int)) {
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

// progressLine returns the done callback for eachCase that keeps one
// "what: n of total cases" line on stderr when it is a terminal (nothing
// otherwise), and the function that ends that line.
func progressLine(env Env, what string, total int) (done func(n int), end func()) {
	if !isTerminal(env.Stderr) {
		return nil, func() {}
	}
	return func(n int) { fmt.Fprintf(env.Stderr, "\r%s: %d of %d cases", what, n, total) },
		func() { fmt.Fprintln(env.Stderr) }
}
