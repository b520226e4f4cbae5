package cli

import (
	"fmt"
	"strings"
)

// argProblem says what is wrong with a command line of the export and
// import commands, naming the bad value: the flag package's parse error,
// extra arguments, or a missing one. "" when nothing is wrong.
func argProblem(parseErr error, extra []string, missing string) string {
	switch {
	case parseErr != nil:
		return parseErr.Error()
	case len(extra) > 0:
		return fmt.Sprintf("unexpected arguments %q", extra)
	case missing != "":
		return "missing " + missing
	}
	return ""
}

// oneOf returns a message naming flag's bad value and the allowed ones,
// or "" when v is allowed.
func oneOf(flag, v string, allowed ...string) string {
	for _, a := range allowed {
		if v == a {
			return ""
		}
	}
	return fmt.Sprintf("--%s %q: want %s", flag, v, strings.Join(allowed, ", "))
}

// usageFail prints the problem, then the usage, and returns exit code 2.
func usageFail(env Env, cmd, problem, usage string) int {
	if problem != "" {
		fmt.Fprintf(env.Stderr, "saros-review %s: %s\n", cmd, problem)
	}
	fmt.Fprintln(env.Stderr, usage)
	return 2
}

// missingArg names the first empty positional argument.
func missingArg(names []string, values ...string) string {
	for i, v := range values {
		if v == "" {
			return names[i]
		}
	}
	return ""
}
