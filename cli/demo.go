package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/saros-review/saros-review/store"
)

func runDemo(env Env, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	n := fs.Int("cases", 4, "number of phantom cases")
	dir, rest := splitFirst(args)
	if err := fs.Parse(rest); err != nil || dir == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "usage: saros-review demo DIR [--cases N]")
		return 2
	}
	if err := store.WriteDemo(dir, *n); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review demo: %v\n", err)
		return 2
	}
	fmt.Fprintf(env.Stdout, "wrote %d demo cases to %s\n", *n, dir)
	return 0
}

// splitFirst takes the first non-flag argument out of args, so flags may
// stand before or after it.
func splitFirst(args []string) (string, []string) {
	for i, a := range args {
		if len(a) > 0 && a[0] != '-' && (i == 0 || !needsValue(args[i-1])) {
			return a, append(append([]string(nil), args[:i]...), args[i+1:]...)
		}
	}
	return "", args
}

func needsValue(flag string) bool { return flag == "--cases" || flag == "-cases" }
