package qc

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/saros-review/saros-review/internal/fsperm"
)

// CacheFile is where a data set keeps its QC results, under its folder.
const CacheFile = ".saros-review/qc-cache.json"

// maxCacheBytes bounds the cache file read (900 cases of a few hundred
// findings each fit many times over).
const maxCacheBytes = 1 << 30

// RulesVersion changes whenever a rule's behaviour changes, so cached
// results of older rules are not used.
const RulesVersion = 2

// FileID identifies a file's content cheaply: path, size, modification
// time and inode. A missing file has Size −1.
type FileID struct {
	Path  string `json:"path"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime_ns"`
	Inode uint64 `json:"inode,omitempty"`
}

// StatFile returns the identity of the file at path ("" gives the
// identity of no file).
func StatFile(path string) FileID {
	id := FileID{Path: path, Size: -1}
	if path == "" {
		return id
	}
	if abs, err := filepath.Abs(path); err == nil {
		id.Path = abs
	}
	st, err := os.Stat(path)
	if err != nil {
		return id
	}
	id.Size, id.MTime = st.Size(), st.ModTime().UnixNano()
	id.Inode = inode(st)
	return id
}

// RulesKey fingerprints a configuration (and RulesVersion): results
// cached under another key are not used.
func RulesKey(cfg *Config) string {
	if cfg == nil {
		cfg = DefaultConfig()
	}
	// fmt prints maps in key order, so the text is canonical.
	h := sha256.Sum256(fmt.Appendf(nil, "v%d %+v", RulesVersion, *cfg))
	return hex.EncodeToString(h[:12])
}

// CacheEntry is the QC result of one case with what it was computed
// from.
type CacheEntry struct {
	Files    []FileID  `json:"files"`
	Rules    string    `json:"rules"`
	Findings []Finding `json:"findings"`
}

// Cache holds QC results by case id, each valid while the case's files
// (by FileID) and the rules (by RulesKey) are unchanged. It is safe for
// concurrent use; Save writes it back atomically.
type Cache struct {
	path    string
	mu      sync.Mutex
	entries map[string]CacheEntry
	dirty   bool
}

// OpenCache reads the cache of the data set folder root (CacheFile). A
// missing file gives an empty cache; an unreadable or corrupt one gives
// an empty cache and the error (to report; QC goes on without it).
func OpenCache(root string) (*Cache, error) {
	c := &Cache{path: filepath.Join(root, CacheFile), entries: map[string]CacheEntry{}}
	st, err := os.Stat(c.path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err == nil && st.Size() > maxCacheBytes {
		err = fmt.Errorf("%d bytes, more than the %d a cache may hold (it will be rewritten)", st.Size(), maxCacheBytes)
	}
	if err != nil {
		return c, fmt.Errorf("qc cache %s: %w", c.path, err)
	}
	b, err := os.ReadFile(c.path)
	if err != nil {
		return c, fmt.Errorf("qc cache: %w", err)
	}
	var disk struct {
		Cases map[string]CacheEntry `json:"cases"`
	}
	if err := json.Unmarshal(b, &disk); err != nil {
		return c, fmt.Errorf("qc cache %s: %w (it will be rewritten)", c.path, err)
	}
	if disk.Cases != nil {
		c.entries = disk.Cases
	}
	return c, nil
}

// Path is the cache's file.
func (c *Cache) Path() string { return c.path }

// Get returns the cached findings of case id when they were computed
// from exactly these files and rules.
func (c *Cache) Get(id string, files []FileID, rules string) ([]Finding, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok || e.Rules != rules || len(e.Files) != len(files) {
		return nil, false
	}
	for i := range files {
		if e.Files[i] != files[i] {
			return nil, false
		}
	}
	return append([]Finding(nil), e.Findings...), true
}

// Put stores the findings of case id.
func (c *Cache) Put(id string, files []FileID, rules string, fs []Finding) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[id] = CacheEntry{Files: append([]FileID(nil), files...), Rules: rules, Findings: append([]Finding(nil), fs...)}
	c.dirty = true
}

// Save writes the cache when it changed: a temporary file in the same
// folder, synced, renamed over the old one.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	b, err := json.Marshal(struct {
		Cases map[string]CacheEntry `json:"cases"`
	}{c.entries})
	if err != nil {
		return fmt.Errorf("qc cache: %w", err)
	}
	dir := filepath.Dir(c.path)
	if err := fsperm.MkdirShared(dir); err != nil {
		return fmt.Errorf("qc cache: %w", err)
	}
	f, err := os.CreateTemp(dir, ".qc-cache-*.tmp")
	if err != nil {
		return fmt.Errorf("qc cache: %w", err)
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), fsperm.NewFileMode(dir)) // a temporary file is 0600
	}
	if err == nil {
		err = os.Rename(f.Name(), c.path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("qc cache %s: %w", c.path, err)
	}
	c.dirty = false
	return nil
}
