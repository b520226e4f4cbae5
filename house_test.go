package main

import (
	"os/exec"
	"strings"
	"testing"
)

// logicRoots are the rooms that must never depend on Fyne: they run
// headless, from the CLI and in tests without a display. viewer itself
// (the renderer) is logic; only its widget sub-package may use Fyne.
var logicRoots = []string{"volume", "annotate", "qc", "store", "cli", "assets", "viewer", "labels", "casework", "nnunet", "dicomseg", "metrics"}

const module = "github.com/saros-review/saros-review"

// packages lists the module's packages with a field from `go list -f`.
func packages(t *testing.T, format string) map[string]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}\t"+format, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	m := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		p, v, _ := strings.Cut(l, "\t")
		m[p] = v
	}
	return m
}

func isLogic(pkg string) bool {
	for _, r := range logicRoots {
		if pkg == module+"/"+r || (strings.HasPrefix(pkg, module+"/"+r+"/") && pkg != module+"/viewer/sliceview") {
			return true
		}
	}
	return false
}

func TestLogicPackagesDoNotImportFyne(t *testing.T) {
	checked := 0
	for pkg, deps := range packages(t, `{{join .Deps " "}}`) {
		if !isLogic(pkg) {
			continue
		}
		checked++
		for _, d := range strings.Fields(deps) {
			if strings.HasPrefix(d, "fyne.io/") || strings.Contains(d, "/go-gl/") {
				t.Errorf("%s depends on %s", pkg, d)
			}
		}
	}
	if checked < 5 {
		t.Errorf("only %d logic packages found", checked)
	}
}

func TestEveryPackageHasADocComment(t *testing.T) {
	for pkg, doc := range packages(t, "{{.Doc}}") {
		if strings.TrimSpace(doc) == "" {
			t.Errorf("package %s has no package doc comment", pkg)
		}
	}
}

// ours lists the module's own packages among deps, without the module
// path.
func ours(deps string) []string {
	var out []string
	for _, d := range strings.Fields(deps) {
		if d == module || strings.HasPrefix(d, module+"/") {
			out = append(out, strings.TrimPrefix(strings.TrimPrefix(d, module), "/"))
		}
	}
	return out
}

// under reports whether package path p (without the module) is room r or
// one of its sub-packages.
func under(p, r string) bool { return p == r || strings.HasPrefix(p, r+"/") }

// TestImportDirection: arrows point inward. The data and logic rooms
// never depend on app, viewer or casework; viewer and casework never on
// app; volume on nothing of ours but its own sub-packages and leaves
// (small packages such as internal/regular that import nothing of ours);
// labels on nothing of ours at all; nothing but main on app.
func TestImportDirection(t *testing.T) {
	deps := packages(t, `{{join .Deps " "}}`)
	leaf := map[string]bool{}
	for pkg, ds := range deps {
		if p := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/"); p != "" && len(ours(ds)) == 0 {
			leaf[p] = true
		}
	}
	logic := func(d string) bool { return under(d, "app") || under(d, "viewer") || under(d, "casework") }
	rules := []struct {
		room   string
		banned func(dep string) bool
		why    string
	}{
		{"volume", func(d string) bool { return !under(d, "volume") && !leaf[d] }, "volume imports nothing of ours but its sub-packages and leaves"},
		{"labels", func(string) bool { return true }, "labels is a leaf"},
		{"annotate", func(d string) bool { return under(d, "app") || under(d, "viewer") || under(d, "casework") }, "logic never imports app, viewer or casework"},
		{"qc", func(d string) bool { return under(d, "app") || under(d, "viewer") || under(d, "casework") }, "logic never imports app, viewer or casework"},
		{"store", func(d string) bool { return under(d, "app") || under(d, "viewer") || under(d, "casework") }, "logic never imports app, viewer or casework"},
		{"assets", func(d string) bool { return under(d, "app") || under(d, "viewer") || under(d, "casework") }, "logic never imports app, viewer or casework"},
		{"cli", func(d string) bool { return under(d, "app") || under(d, "viewer") || under(d, "casework") }, "logic never imports app, viewer or casework"},
		{"metrics", logic, "logic never imports app, viewer or casework"},
		{"nnunet", logic, "logic never imports app, viewer or casework"},
		{"dicomseg", logic, "logic never imports app, viewer or casework"},
		{"viewer", func(d string) bool { return under(d, "app") || under(d, "casework") }, "viewer never imports app or casework"},
		{"casework", func(d string) bool { return under(d, "app") || d == "viewer/sliceview" }, "casework never imports app or the widgets"},
	}
	checked := map[string]int{}
	for pkg, ds := range deps {
		p := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
		for _, r := range rules {
			if !under(p, r.room) {
				continue
			}
			checked[r.room]++
			for _, d := range ours(ds) {
				if r.banned(d) {
					t.Errorf("%s depends on %s: %s", p, d, r.why)
				}
			}
		}
		if p != "" && !under(p, "app") {
			for _, d := range ours(ds) {
				if under(d, "app") {
					t.Errorf("%s depends on %s: only main may", p, d)
				}
			}
		}
	}
	for _, r := range rules {
		if checked[r.room] == 0 {
			t.Errorf("no package found in room %s", r.room)
		}
	}
}
