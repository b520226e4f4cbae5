package nnunet

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/store"
)

// withSplits rewrites the CSV of a data set made by smallDataset with the
// given split values (case_000, case_001, …) and opens it again.
func withSplits(t *testing.T, ds *store.Dataset, splits ...string) *store.Dataset {
	t.Helper()
	csv := "id,split\n"
	for i, s := range splits {
		csv += ds.Cases[i].ID + "," + s + "\n"
	}
	if err := os.WriteFile(filepath.Join(ds.Root, "Segmentation Info.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	ds, err := store.Open(ds.Root)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestSplitValuesTolerant: "TEST" is a test case (never trained on),
// " Fold-2" is fold 2, "fold-6" is named as unknown, and the folds with no
// validation case are reported by CheckFolds.
func TestSplitValuesTolerant(t *testing.T) {
	ds := withSplits(t, smallDataset(t, 4), "TEST", " Fold-2", "fold-6", "train")
	r, err := Export(ds, t.TempDir(), Options{Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Test != 1 || r.Training != 3 {
		t.Fatalf("test %d, training %d", r.Test, r.Training)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, "imagesTs", "case_000_0000.nii.gz")); err != nil {
		t.Errorf("TEST case not in imagesTs: %v", err)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, "imagesTr", "case_000_0000.nii.gz")); err == nil {
		t.Error("TEST case in imagesTr")
	}
	if !slices.Equal(r.UnknownSplit, []string{`case_002: "fold-6"`}) {
		t.Errorf("unknown splits %q", r.UnknownSplit)
	}
	b, _ := os.ReadFile(filepath.Join(r.Dir, "splits_final.json"))
	if !strings.Contains(string(b), `"val": [
      "case_001"
    ]`) {
		t.Errorf("fold-2 not validated on case_001:\n%s", b)
	}
	probs, err := CheckFolds(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 4 || !strings.Contains(probs[0], "fold 0 validates on no case") {
		t.Errorf("empty folds: %q", probs)
	}
	for _, c := range []struct {
		v    string
		kind splitKind
		fold int
	}{{"TEST", splitTest, -1}, {" test ", splitTest, -1}, {"Fold-5", splitFold, 4}, {"fold-05", splitUnknown, -1}, {"fold-0", splitUnknown, -1}, {"", splitTrain, -1}, {"Training", splitTrain, -1}, {"val", splitUnknown, -1}} {
		if k, f := parseSplit(c.v); k != c.kind || f != c.fold {
			t.Errorf("%q: %d %d", c.v, k, f)
		}
	}
}
