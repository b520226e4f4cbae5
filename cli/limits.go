package cli

import (
	"fmt"
	"regexp"
	"runtime"

	"github.com/saros-review/saros-review/store"
)

// jobsPerCore bounds --jobs: each worker holds a whole case in memory
// (about 200 MB for a 512×512×600 CT and its maps), so more workers than
// a few per core only add memory, never speed.
const jobsPerCore = 4

// checkJobs returns an error naming the allowed range when n workers are
// not between 1 and jobsPerCore × the cores of this machine.
func checkJobs(n int) error {
	hi := jobsPerCore * runtime.NumCPU()
	if n < 1 || n > hi {
		return fmt.Errorf("--jobs %d is out of range: use 1 to %d (%d per core, %d cores here)", n, hi, jobsPerCore, runtime.NumCPU())
	}
	return nil
}

// warnDatasetProblems writes the problems of a data set as a whole (its
// CSV unreadable, rows with no case folder) to stderr as warnings, the
// first few named and the rest counted, so a broken CSV is never ignored
// silently.
func warnDatasetProblems(env Env, cmd string, ds *store.Dataset) {
	const shown = 5
	for i, p := range ds.Problems {
		if i == shown {
			fmt.Fprintf(env.Stderr, "saros-review %s: warning: and %d more data set problems\n", cmd, len(ds.Problems)-shown)
			break
		}
		fmt.Fprintf(env.Stderr, "saros-review %s: warning: %s\n", cmd, p)
	}
}

// Messages of the flag package, rewritten in a user's words.
var (
	flagNeedsValue = regexp.MustCompile(`^flag needs an argument: -+(\S+)$`)
	flagBadValue   = regexp.MustCompile(`^invalid value "(.*)" for flag -+(\S+): (?:parse error|value out of range)$`)
	flagUndefined  = regexp.MustCompile(`^flag provided but not defined: -+(\S+)$`)
)

// flagProblem says what is wrong with a command line the flag package
// refused, naming the option the way the usage writes it (--jobs).
func flagProblem(err error) string {
	msg := err.Error()
	if m := flagNeedsValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("--%s needs a value", m[1])
	}
	if m := flagBadValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("--%s %q is not a number", m[2], m[1])
	}
	if m := flagUndefined.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("--%s is not an option of this command", m[1])
	}
	return msg
}
