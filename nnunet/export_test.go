package nnunet

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saros-review/saros-review/volume/nifti"
)

func TestExport3DPassesVerify(t *testing.T) {
	ds := smallDataset(t, 6)
	out := t.TempDir()
	r, err := Export(ds, out, Options{Map: "regions", Mode: Mode3D, ID: 501, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if r.Training != 5 || r.Test != 1 || len(r.Skipped) != 0 {
		t.Fatalf("result %+v", r)
	}
	if filepath.Base(r.Dir) != "Dataset501_SAROSRegions" {
		t.Fatalf("folder %s", r.Dir)
	}
	probs, err := Verify(r.Dir)
	if err != nil || len(probs) > 0 {
		t.Fatalf("verify: %v %v", err, probs)
	}
	// The image is a copy of the source file, not the file itself.
	a, _ := os.Stat(ds.Cases[0].Image)
	b, _ := os.Stat(filepath.Join(r.Dir, "imagesTr", "case_000_0000.nii.gz"))
	if os.SameFile(a, b) || a.Size() != b.Size() {
		t.Error("image not an independent copy")
	}
	// The test case lives in imagesTs/labelsTs.
	for _, p := range []string{"imagesTs/case_004_0000.nii.gz", "labelsTs/case_004.nii.gz"} {
		if _, err := os.Stat(filepath.Join(r.Dir, p)); err != nil {
			t.Error(err)
		}
	}
	// 255 became 14 voxel for voxel, the rest unchanged.
	src, _, err := nifti.LoadLabels(ds.Cases[1].Regions, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := nifti.LoadLabels(filepath.Join(r.Dir, "labelsTr", "case_001.nii.gz"), nil)
	if err != nil {
		t.Fatal(err)
	}
	n255 := 0
	for i, v := range src.Voxels {
		want := v
		if v == 255 {
			want, n255 = 14, n255+1
		}
		if got.Voxels[i] != want {
			t.Fatalf("voxel %d: %d, want %d", i, got.Voxels[i], want)
		}
	}
	if n255 == 0 {
		t.Fatal("fixture has no unannotated voxels")
	}
	// dataset.json as nnU-Net reads it.
	b2, _ := os.ReadFile(filepath.Join(r.Dir, "dataset.json"))
	var dj struct {
		ChannelNames map[string]string `json:"channel_names"`
		Labels       map[string]int    `json:"labels"`
		NumTraining  int               `json:"numTraining"`
		FileEnding   string            `json:"file_ending"`
	}
	if err := json.Unmarshal(b2, &dj); err != nil {
		t.Fatal(err)
	}
	if dj.ChannelNames["0"] != "CT" || dj.Labels["ignore"] != 14 || dj.Labels["subcutaneous_tissue"] != 1 || dj.NumTraining != 5 || dj.FileEnding != ".nii.gz" {
		t.Errorf("dataset.json %s", b2)
	}
	if !strings.Contains(string(b2), `"background": 0,`) || strings.Index(string(b2), `"ignore"`) < strings.Index(string(b2), `"submandibular_glands"`) {
		t.Errorf("labels not in value order: %s", b2)
	}
	// splits_final.json: fold n validates on fold-(n+1) of the CSV.
	var sp []split
	b3, _ := os.ReadFile(filepath.Join(r.Dir, "splits_final.json"))
	if err := json.Unmarshal(b3, &sp); err != nil || len(sp) != 5 {
		t.Fatalf("splits %s %v", b3, err)
	}
	if strings.Join(sp[0].Val, ",") != "case_000,case_005" || len(sp[0].Train) != 3 || len(sp[4].Val) != 0 {
		t.Errorf("splits %+v", sp)
	}
}

func TestExport2DPassesVerify(t *testing.T) {
	ds := smallDataset(t, 2)
	out := t.TempDir()
	r, err := Export(ds, out, Options{Map: "parts", Mode: Mode2D, ID: 7, Name: "Parts2D", Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	probs, err := Verify(r.Dir)
	if err != nil || len(probs) > 0 {
		t.Fatalf("verify: %v %v", err, probs)
	}
	lm, _, err := nifti.LoadLabels(ds.Cases[0].Parts, nil)
	if err != nil {
		t.Fatal(err)
	}
	ks := lm.AnnotatedSlices()
	if r.Training != 2*len(ks) {
		t.Fatalf("training %d, want %d slices", r.Training, 2*len(ks))
	}
	k := ks[len(ks)/2]
	p := filepath.Join(r.Dir, "labelsTr", "case_000_k"+pad3(k)+".nii.gz")
	sl, _, err := nifti.LoadLabels(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sl.Dims != [3]int{lm.Dims[0], lm.Dims[1], 1} || string(sl.Voxels) != string(lm.Axial(k)) {
		t.Fatal("slice labels differ from the source slice")
	}
	if w, s := sl.World(3, 4, 0), lm.World(3, 4, float64(k)); w != s {
		t.Fatalf("slice world %v, source %v", w, s)
	}
	img, _, err := nifti.LoadImage(filepath.Join(r.Dir, "imagesTr", "case_000_k"+pad3(k)+"_0000.nii.gz"), nil)
	if err != nil || img.Dims[2] != 1 {
		t.Fatal(err)
	}
}

func pad3(k int) string { return fmt.Sprintf("%03d", k) }

func TestReexportWritesOnlyWhatChanged(t *testing.T) {
	ds := smallDataset(t, 3)
	out := t.TempDir()
	o := Options{Map: "regions", Mode: Mode3D, ID: 501, Jobs: 2}
	r1, err := Export(ds, out, o)
	if err != nil || r1.Written != 6 {
		t.Fatalf("first export %+v %v", r1, err)
	}
	r2, err := Export(ds, out, o)
	if err != nil || r2.Written != 0 || r2.Unchanged != 6 {
		t.Fatalf("second export %+v %v", r2, err)
	}
	// Change one map: only its files are written again.
	b, _ := os.ReadFile(ds.Cases[1].Regions)
	if err := os.WriteFile(ds.Cases[1].Regions, b, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	os.Chtimes(ds.Cases[1].Regions, later, later)
	r3, err := Export(ds, out, o)
	if err != nil || r3.Written != 2 || r3.Unchanged != 4 {
		t.Fatalf("third export %+v %v", r3, err)
	}
	// A case gone from the data set loses its files.
	ds.Cases = ds.Cases[:2]
	r4, err := Export(ds, out, o)
	if err != nil || r4.Removed != 2 {
		t.Fatalf("fourth export %+v %v", r4, err)
	}
	if probs, _ := Verify(r4.Dir); len(probs) > 0 {
		t.Fatal(probs)
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	ds := smallDataset(t, 1)
	out := t.TempDir()
	dir := filepath.Join(out, "Dataset501_SAROSRegions")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	_, err := Export(ds, out, Options{ID: 501})
	if err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err %v", err)
	}
	if _, err := Export(ds, out, Options{ID: 501, Force: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("forced export touched a file it did not write")
	}
}

func TestBadOptions(t *testing.T) {
	ds := smallDataset(t, 1)
	for _, o := range []Options{{ID: -1}, {ID: 1000}, {ID: 1, Map: "organs"}, {ID: 1, Mode: "4d"}, {ID: 1, Name: "a b"}} {
		if _, err := Export(ds, t.TempDir(), o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}
