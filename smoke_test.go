package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSmokeTest builds the application and runs `saros-review
// --smoke-test` in a virtual X server, as the packaging checks do: it must
// open the demo case in a real window, paint every view, run QC, save and
// exit 0 within its 20 s bound. Without a display it must fail with the
// reason, not a panic.
func TestSmokeTest(t *testing.T) {
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xvfb-run is not installed; make test installs it")
		}
		t.Skip("xvfb-run not installed")
	}
	bin := filepath.Join(t.TempDir(), "saros-review")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, xvfb, "-a", bin, "--smoke-test")
	cmd.Env = append(os.Environ(), "LANGUAGE=en", "XDG_CONFIG_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "smoke test passed") || !strings.Contains(string(out), "all three views painted") {
		t.Fatalf("smoke test: %v\n%s", err, out)
	}
	// The window's About dialog and --version both give FyneApp.toml's version.
	if want := `About shows "SAROS Review ` + version() + `"`; !strings.Contains(string(out), want) {
		t.Errorf("smoke test output lacks %s:\n%s", want, out)
	}
	if v, err := exec.Command(bin, "--version").Output(); err != nil || !strings.Contains(string(v), version()) {
		t.Errorf("--version printed %q (%v), want %s", v, err, version())
	}

	cmd = exec.Command(bin, "--smoke-test")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "LANGUAGE=en"}
	out, err = cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "no display") || strings.Contains(string(out), "panic") {
		t.Errorf("without a display: %v\n%s", err, out)
	}
}
