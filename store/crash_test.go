package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// crashHelper is run as a child process by TestKilledMidSaveOrEditLeavesWholeFiles:
// it saves both maps, then autosaves edits, over and over, until killed.
func crashHelper() {
	dir := os.Getenv("SAROS_CRASH_CASE")
	ds, err := Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	c := ds.Cases[0]
	l, err := c.Load(nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	k := l.Regions.AnnotatedSlices()[4]
	for n := 1; ; n++ {
		v := uint8(1 + n%13)
		for i := 0; i < 200; i++ {
			l.Regions.Set(20+i%150, 30+i/150, k, v)
		}
		if n%2 == 0 {
			if _, err := l.SaveLabels(l.Regions, l.Parts); err != nil {
				os.Exit(4)
			}
		} else if err := c.WriteRecovery(l.Regions, l.Parts); err != nil {
			os.Exit(5)
		}
	}
}

func init() {
	if os.Getenv("SAROS_CRASH_CASE") != "" {
		crashHelper()
	}
}

// TestKilledMidSaveOrEditLeavesWholeFiles kills a process that saves and
// autosaves in a loop with SIGKILL at random moments: every label map on
// disk, saved or recovery, must always read back whole.
func TestKilledMidSaveOrEditLeavesWholeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	dir := filepath.Join(demoCopy(t), "case_001")
	rng := rand.New(rand.NewPCG(7, 7))
	for round := 0; round < 8; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "SAROS_CRASH_CASE="+dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(150+rng.IntN(600)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: child ended by itself (%v): %s", round, err, stderr.String())
		}
		ds, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		c := ds.Cases[0]
		if len(c.Problems) > 0 {
			t.Fatalf("round %d: %v", round, c.Problems)
		}
		l, err := c.Load(nil)
		if err != nil {
			t.Fatalf("round %d: saved maps broken: %v", round, err)
		}
		if _, ok := c.RecoveryTime(); ok {
			if _, _, err := c.LoadRecovery(l.Image.Grid); err != nil {
				t.Fatalf("round %d: recovery broken: %v", round, err)
			}
		}
		left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
		for _, p := range left { // a killed writer leaves its temporary file; never the target
			os.Remove(p)
		}
	}
}
