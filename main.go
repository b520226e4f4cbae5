// Command saros-review is the SAROS Review desktop application and its
// headless sub-commands. With no arguments it opens the built-in demo case;
// with a path it opens that data set, case or NIfTI file; with a
// sub-command it runs headless (see cli.Usage).
package main

import (
	_ "embed"
	"fmt"
	"os"
	"regexp"

	"github.com/saros-review/saros-review/app"
	"github.com/saros-review/saros-review/cli"
	_ "github.com/saros-review/saros-review/internal/clocale" // before Fyne reads the locale
)

//go:embed FyneApp.toml
var fyneAppTOML string

// version is the single source of truth: FyneApp.toml's Version.
func version() string {
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindStringSubmatch(fyneAppTOML)
	if m == nil {
		return "unknown"
	}
	return m[1]
}

func main() {
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		os.Exit(cli.Run(cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Version: version()}, args))
	}
	if len(args) > 0 && args[0] == "--smoke-test" {
		if err := app.SmokeTest(version(), os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "saros-review: smoke test failed:", err)
			os.Exit(1)
		}
		return
	}
	readOnly := len(args) > 0 && args[0] == "--read-only"
	if readOnly {
		args = args[1:]
	}
	path := ""
	if len(args) > 0 {
		path = args[0]
	}
	if len(args) > 1 {
		// The desktop entry passes every selected file (%F); one case is
		// shown at a time.
		fmt.Fprintf(os.Stderr, "saros-review: opening %s; the other %d paths are ignored (one case at a time)\n", path, len(args)-1)
	}
	if err := app.Run(path, version(), readOnly); err != nil {
		fmt.Fprintln(os.Stderr, "saros-review:", err)
		os.Exit(2)
	}
}
