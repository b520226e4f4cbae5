package qc

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCacheRoundTrip: results come back for the same files and rules,
// not after a file or the rules change, and survive Save and OpenCache.
func TestCacheRoundTrip(t *testing.T) {
	root := t.TempDir()
	f := filepath.Join(root, "image.nii.gz")
	os.WriteFile(f, []byte("one"), 0o644)
	c, err := OpenCache(root)
	if err != nil {
		t.Fatal(err)
	}
	ids := []FileID{StatFile(f), StatFile("")}
	rules := RulesKey(nil)
	fs := []Finding{{Rule: RuleIsland, Slice: 5, Count: 2, Components: []Component{{I: 1}, {I: 2}}}}
	c.Put("case_000", ids, rules, fs)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c, err = OpenCache(root)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := c.Get("case_000", []FileID{StatFile(f), StatFile("")}, rules)
	if !ok || len(got) != 1 || got[0].Count != 2 || len(got[0].Components) != 2 {
		t.Fatalf("got %+v %v", got, ok)
	}
	cfg := DefaultConfig()
	cfg.IslandMaxArea = 4
	if RulesKey(cfg) == rules || RulesKey(DefaultConfig()) != rules {
		t.Fatal("the rules key does not follow the rules")
	}
	if _, ok := c.Get("case_000", ids, RulesKey(cfg)); ok {
		t.Error("hit with other rules")
	}
	later := time.Now().Add(time.Hour)
	os.Chtimes(f, later, later)
	if _, ok := c.Get("case_000", []FileID{StatFile(f), StatFile("")}, rules); ok {
		t.Error("hit after the file changed")
	}
	os.WriteFile(filepath.Join(root, CacheFile), []byte("{not json"), 0o644)
	c, err = OpenCache(root)
	if err == nil || !strings.Contains(err.Error(), "qc-cache.json") || c == nil {
		t.Errorf("corrupt cache: %v", err)
	}
}

// TestRunCancelled: cases not started when the context ends report its
// error, and nothing is cached for them.
func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c, _ := OpenCache(t.TempDir())
	rs := Run(ctx, []CaseFiles{{ID: "a", Image: "x"}, {ID: "b", Image: "y"}}, nil, c, 2, nil)
	for _, r := range rs {
		if r.Error != context.Canceled {
			t.Errorf("%s: %v", r.ID, r.Error)
		}
	}
	if len(c.entries) != 0 {
		t.Error("cancelled cases cached")
	}
}

// FuzzOpenCache: whatever the cache file holds, OpenCache returns a
// usable cache (an error for what it cannot read) and never panics; the
// seeds run as an ordinary test.
func FuzzOpenCache(f *testing.F) {
	f.Add([]byte(`{"cases":{"case_000":{"files":[{"path":"/x","size":3,"mtime_ns":1}],"rules":"r","findings":[{"rule":"island","severity":"warning","components":[]}]}}}`))
	f.Add([]byte(`{"cases":{"a":{"findings":[{"severity":"fatal"}]}}}`))
	f.Add([]byte(`{"cases":null}`))
	f.Add([]byte(`[]`))
	f.Add([]byte{0x1f, 0x8b, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		root := t.TempDir()
		os.MkdirAll(filepath.Join(root, ".saros-review"), 0o755)
		os.WriteFile(filepath.Join(root, CacheFile), b, 0o644)
		c, _ := OpenCache(root)
		if c == nil {
			t.Fatal("nil cache")
		}
		c.Get("case_000", []FileID{{Path: "/x", Size: 3, MTime: 1}}, "r")
		c.Put("case_001", nil, "r", nil)
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		if _, err := OpenCache(root); err != nil {
			t.Fatalf("a saved cache does not read back: %v", err)
		}
	})
}
