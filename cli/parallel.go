package cli

import (
	"fmt"

	"github.com/saros-review/saros-review/internal/pool"
)

// eachCase runs fn(i) for i in 0..n−1 on jobs workers (pool.Each).
func eachCase(n, jobs int, fn func(i int), done func(finished int)) { pool.Each(n, jobs, fn, done) }

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
