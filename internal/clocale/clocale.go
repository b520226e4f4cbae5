// Package clocale keeps Fyne quiet under the C locale. Debian's default in
// containers, cron and CI is LANG=C.UTF-8, whose language "C" Fyne's lang
// package cannot parse: it logs three lines of errors from its init,
// before main runs, on every headless command. This package's init sets
// LANGUAGE=en in that case (and only then), which is what gettext reads
// first too, so the translations lookup finds a language.
//
// It must run before fyne.io/fyne/v2/lang's init. Go initialises packages
// in import-path order among those whose imports are done; this package
// imports only "os", and sorts before "text/template" and
// "golang.org/x/text/language", which lang imports, so it always runs
// first. main imports it for that side effect; TestRunsBeforeFyne in the
// adversarial suite checks the binary.
package clocale

import "os"

func init() {
	Apply(os.Getenv, os.Setenv)
	ApplyMissing(os.Getenv, os.Setenv, Installed)
}

// Apply sets LANGUAGE to "en" through set when it is unset and the locale
// that governs messages (the first set of LC_ALL, LC_MESSAGES, LANG) is
// the C or POSIX locale with an encoding suffix ("C.UTF-8"), the one form
// Fyne fails on ("C" and "POSIX" alone it handles).
func Apply(get func(string) string, set func(string, string) error) {
	if get("LANGUAGE") != "" {
		return
	}
	loc := ""
	for _, k := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = get(k); loc != "" {
			break
		}
	}
	if hasPrefix(loc, "C.") || hasPrefix(loc, "C@") || hasPrefix(loc, "POSIX.") || hasPrefix(loc, "POSIX@") {
		set("LANGUAGE", "en")
	}
}

// hasPrefix is strings.HasPrefix, written out so that this package
// imports nothing but os (see the package comment).
func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
