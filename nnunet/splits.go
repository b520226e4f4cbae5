package nnunet

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/saros-review/saros-review/internal/regular"
)

// splitKind is what a CSV split value means for the export.
type splitKind int

const (
	splitTrain   splitKind = iota // training, in no fold ("", "train", "training")
	splitFold                     // training, validated in one fold
	splitTest                     // test case (imagesTs)
	splitUnknown                  // anything else: trains in every fold, named
)

// parseSplit reads a CSV split value, trimmed and case-insensitive:
// "test", "fold-1"…"fold-5", "train"/"training" or empty. fold is 0..4
// for a fold.
func parseSplit(v string) (kind splitKind, fold int) {
	s := strings.ToLower(strings.TrimSpace(v))
	switch s {
	case "test":
		return splitTest, -1
	case "", "train", "training":
		return splitTrain, -1
	}
	if n, ok := strings.CutPrefix(s, "fold-"); ok {
		if k, err := strconv.Atoi(n); err == nil && k >= 1 && k <= 5 && strconv.Itoa(k) == n {
			return splitFold, k - 1
		}
	}
	return splitUnknown, -1
}

// isTest reports whether a CSV split value makes a case a test case.
func isTest(v string) bool { k, _ := parseSplit(v); return k == splitTest }

// foldOf returns 0..4 for "fold-1".."fold-5" (any case, trimmed) and -1
// otherwise.
func foldOf(v string) int { _, f := parseSplit(v); return f }

// CheckFolds reports the folds of a data set folder's splits_final.json
// that validate or train on no case (nnU-Net cannot train or validate such
// a fold). No splits_final.json: nothing to report.
func CheckFolds(dir string) ([]string, error) {
	p := filepath.Join(dir, "splits_final.json")
	b, err := regular.ReadFile(p, maxJSONBytes)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var sp []split
	if err := json.Unmarshal(b, &sp); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	var probs []string
	for f, s := range sp {
		if len(s.Val) == 0 {
			probs = append(probs, fmt.Sprintf("splits_final.json fold %d validates on no case (no CSV split fold-%d)", f, f+1))
		}
		if len(s.Train) == 0 {
			probs = append(probs, fmt.Sprintf("splits_final.json fold %d trains on no case", f))
		}
	}
	return probs, nil
}
