package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// peerPython is Debian's interpreter, which has python3-scipy and
// python3-nibabel (make deps installs them).
const peerPython = "/usr/bin/python3"

// peerScript is the scipy.ndimage QC peer kept in the repository.
func peerScript(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "scripts", "qc_peer.py")
	if err := exec.Command(peerPython, "-c", "import scipy.ndimage, nibabel").Run(); err != nil {
		t.Fatalf("the QC peer needs %s with python3-scipy and python3-nibabel (make deps): %v", peerPython, err)
	}
	return p
}

type groupKey struct {
	Rule  string `json:"rule"`
	Slice int    `json:"slice"`
	Map   string `json:"map"`
	Label int    `json:"label"`
	Count int    `json:"count"`
}

func sortedKeys(ks []groupKey) []string {
	var out []string
	for _, k := range ks {
		out = append(out, fmt.Sprintf("%s slice %d %s label %d: %d", k.Rule, k.Slice, k.Map, k.Label, k.Count))
	}
	sort.Strings(out)
	return out
}

// TestQCPeerAgrees: on the real head CT with one injected defect per rule,
// `qc` and the independent scipy.ndimage peer find the same findings
// (slice, rule, map, label) with the same component counts.
func TestQCPeerAgrees(t *testing.T) {
	script := peerScript(t)
	dir := realCase(t)
	code, out, errs := run("qc", dir)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var ours struct {
		Cases []struct {
			Findings []groupKey `json:"findings"`
		} `json:"cases"`
	}
	if err := json.Unmarshal([]byte(out), &ours); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(peerPython, script, dir).Output()
	if err != nil {
		t.Fatalf("peer: %v", err)
	}
	var peer struct {
		Findings []groupKey `json:"findings"`
	}
	if err := json.Unmarshal(b, &peer); err != nil {
		t.Fatal(err)
	}
	a, p := sortedKeys(ours.Cases[0].Findings), sortedKeys(peer.Findings)
	if strings.Join(a, "\n") != strings.Join(p, "\n") {
		t.Errorf("qc and the scipy peer differ:\nqc:\n%s\npeer:\n%s", strings.Join(a, "\n"), strings.Join(p, "\n"))
	}
	if len(a) < 50 {
		t.Errorf("only %d findings", len(a))
	}
	_ = os.Stderr
}
