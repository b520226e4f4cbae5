package hostile

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The budget every hostile run must stay within.
const (
	maxRSS  = 300 << 20 // peak resident memory, bytes
	maxTime = 5 * time.Second
	// addressLimit is the address-space limit the binary runs under
	// (prlimit --as): a regression that tries to allocate gigabytes dies
	// at once instead of taking the machine down. It is well above
	// maxRSS, since the Go runtime and the GUI libraries reserve address
	// space they never touch.
	addressLimit = 3 << 30
)

// bin is the real binary, built once by TestMain.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "saros-hostile-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "saros-review")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary did.
type result struct {
	code           int
	stdout, stderr string
	rss            int64 // peak resident memory, bytes
	took           time.Duration
}

// run runs the binary with args under the address-space limit, in the
// C.UTF-8 locale of containers and CI, with extra environment variables.
func run(t *testing.T, env []string, args ...string) result {
	t.Helper()
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Fatal("prlimit (util-linux) is needed to bound the binary's memory")
	}
	cmd := exec.Command(prlimit, append([]string{fmt.Sprintf("--as=%d", addressLimit), "--", bin}, args...)...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "LANG=C.UTF-8"}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// The child is forked from this process, whose resident memory counts
	// in the child's peak until it execs: return what generators freed.
	debug.FreeOSMemory()
	start := time.Now()
	err = cmd.Start()
	if err != nil {
		t.Fatal(err)
	}
	// A hang is a failure, not a stuck test: kill the run well past the
	// budget.
	timer := time.AfterFunc(4*maxTime, func() { cmd.Process.Kill() })
	err = cmd.Wait()
	timer.Stop()
	r := result{stdout: stdout.String(), stderr: stderr.String(), took: time.Since(start)}
	if cmd.ProcessState == nil {
		t.Fatalf("%v: %v", args, err)
	}
	r.code = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rss = ru.Maxrss << 10 // KiB on Linux
	}
	return r
}

// expect checks a run against the budget, the exit code and the message
// (every string of want must appear on stderr), and that nothing leaked:
// no panic, no runtime fatal error, no Fyne locale noise.
func expect(t *testing.T, r result, code int, want ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d\nstderr: %s", r.code, code, clip(r.stderr))
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr does not say %q:\n%s", w, clip(r.stderr))
		}
	}
	for _, bad := range []string{"panic:", "fatal error", "goroutine ", "Fyne error", "runtime error"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("stderr holds %q:\n%s", bad, clip(r.stderr))
		}
	}
	if r.rss > maxRSS {
		t.Errorf("peak memory %d MB, budget %d MB", r.rss>>20, maxRSS>>20)
	}
	if r.took > maxTime {
		t.Errorf("took %v, budget %v", r.took, maxTime)
	}
	t.Logf("exit %d, %d MB, %v", r.code, r.rss>>20, r.took.Round(time.Millisecond))
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// write writes b to name in dir and returns the path.
func write(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
