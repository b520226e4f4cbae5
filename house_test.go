package main

import (
	"os/exec"
	"strings"
	"testing"
)

// logicRoots are the rooms that must never depend on Fyne: they run
// headless, from the CLI and in tests without a display. viewer itself
// (the renderer) is logic; only its widget sub-package may use Fyne.
var logicRoots = []string{"volume", "annotate", "qc", "store", "cli", "assets", "viewer", "nnunet", "dicomseg", "metrics"}

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
