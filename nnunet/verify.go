package nnunet

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/saros-review/saros-review/internal/regular"
	"github.com/saros-review/saros-review/volume/nifti"
)

// Verify checks an nnU-Net v2 raw data set folder the way nnU-Net v2's
// verify_dataset_integrity (nnunetv2/experiment_planning) does, and a
// little more strictly, and returns every problem found (none: the set is
// fine). It checks that dataset.json has labels, channel_names,
// numTraining and file_ending; that imagesTr and labelsTr exist; that the
// number of training cases equals numTraining and every case has all its
// channels and a label file; that the label values are consecutive from 0
// (background) with "ignore", if present, the highest; that every label
// file holds only those values; that image and label have the same shape,
// spacing and affine (nnU-Net only warns about the affine; a SAROS export
// must match exactly); that test images in imagesTs have all channels;
// and that splits_final.json, when present, names only training cases with
// no case validated twice. The error is for a folder that cannot be read
// at all.
func Verify(dir string) ([]string, error) {
	b, err := regular.ReadFile(filepath.Join(dir, "dataset.json"), maxJSONBytes)
	if err != nil {
		return nil, fmt.Errorf("verify %s: there needs to be a dataset.json: %w", dir, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("verify %s: dataset.json: %w", dir, err)
	}
	var probs []string
	add := func(f string, a ...any) { probs = append(probs, fmt.Sprintf(f, a...)) }
	for _, k := range []string{"labels", "channel_names", "numTraining", "file_ending"} {
		if _, ok := raw[k]; !ok {
			add("dataset.json: required key %q missing", k)
		}
	}
	if len(probs) > 0 {
		return probs, nil
	}
	var ds struct {
		Labels       map[string]json.RawMessage `json:"labels"`
		ChannelNames map[string]string          `json:"channel_names"`
		NumTraining  int                        `json:"numTraining"`
		FileEnding   string                     `json:"file_ending"`
	}
	if err := json.Unmarshal(b, &ds); err != nil {
		return append(probs, "dataset.json: "+err.Error()), nil
	}
	expected, lp := checkLabels(ds.Labels)
	probs = append(probs, lp...)
	ending := ds.FileEnding
	nch := len(ds.ChannelNames)
	if nch > maxChannels {
		add("dataset.json: channel_names has %d channels; file names have room for %d (_0000 to _9999)", nch, maxChannels)
		return probs, nil
	}
	for _, sub := range []string{"imagesTr", "labelsTr"} {
		if st, err := os.Stat(filepath.Join(dir, sub)); err != nil || !st.IsDir() {
			add("there needs to be a %s folder", sub)
		}
	}
	if len(probs) > 0 {
		return probs, nil
	}
	ids, cp := cases(filepath.Join(dir, "imagesTr"), ending, nch)
	probs = append(probs, cp...)
	if len(ids) != ds.NumTraining {
		add("dataset.json: numTraining is %d but imagesTr holds %d cases", ds.NumTraining, len(ids))
	}
	for _, id := range ids {
		lab := filepath.Join(dir, "labelsTr", id+ending)
		if _, err := os.Stat(lab); err != nil {
			add("labelsTr: case %s has no label file %s", id, id+ending)
			continue
		}
		probs = append(probs, checkCase(filepath.Join(dir, "imagesTr", id+"_0000"+ending), lab, expected)...)
	}
	if _, err := os.Stat(filepath.Join(dir, "imagesTs")); err == nil {
		tids, tp := cases(filepath.Join(dir, "imagesTs"), ending, nch)
		probs = append(probs, tp...)
		for _, id := range tids {
			lab := filepath.Join(dir, "labelsTs", id+ending)
			if _, err := os.Stat(lab); err == nil {
				probs = append(probs, checkCase(filepath.Join(dir, "imagesTs", id+"_0000"+ending), lab, expected)...)
			}
		}
	}
	return append(probs, checkSplits(filepath.Join(dir, "splits_final.json"), ids)...), nil
}

// maxChannels is the number of channels a 4-digit file name suffix allows.
const maxChannels = 10000

// checkLabels returns the label values nnU-Net expects in label files and
// the problems of dataset.json's labels. Values must be integers (nnU-Net
// regions, lists of values, are not used by SAROS and are refused).
func checkLabels(l map[string]json.RawMessage) (map[int]bool, []string) {
	var probs []string
	all := map[int]string{}
	ignore, hasIgnore := 0, false
	for name, rv := range l {
		var v int
		if err := json.Unmarshal(rv, &v); err != nil {
			probs = append(probs, fmt.Sprintf("dataset.json: label %q is %s, want an integer", name, rv))
			continue
		}
		if name == "ignore" {
			ignore, hasIgnore = v, true
			continue
		}
		if o, dup := all[v]; dup {
			probs = append(probs, fmt.Sprintf("dataset.json: labels %q and %q both have value %d", o, name, v))
		}
		all[v] = name
	}
	vals := make([]int, 0, len(all))
	for v := range all {
		vals = append(vals, v)
	}
	sort.Ints(vals)
	if len(vals) == 0 || vals[0] != 0 {
		probs = append(probs, "dataset.json: there must be a background label with value 0")
	}
	for i := 1; i < len(vals); i++ {
		if vals[i] != vals[i-1]+1 {
			probs = append(probs, fmt.Sprintf("dataset.json: labels must be consecutive (0, 1, 2, …): %d follows %d", vals[i], vals[i-1]))
		}
	}
	exp := map[int]bool{}
	for _, v := range vals {
		exp[v] = true
	}
	if hasIgnore {
		if len(vals) > 0 && ignore != vals[len(vals)-1]+1 {
			probs = append(probs, fmt.Sprintf("dataset.json: the ignore label is %d; it must be the highest label value, %d", ignore, vals[len(vals)-1]+1))
		}
		exp[ignore] = true
	}
	return exp, probs
}

// cases lists the case identifiers of an images folder (files named
// <id>_<XXXX><ending>) and the problems: files that fit no case and
// cases missing a channel.
func cases(dir, ending string, nch int) ([]string, []string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, []string{err.Error()}
	}
	var probs []string
	chans := map[string]map[int]bool{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") {
			continue
		}
		var ch int
		stem := strings.TrimSuffix(n, ending)
		if stem == n || len(stem) < 6 || stem[len(stem)-5] != '_' {
			probs = append(probs, fmt.Sprintf("%s/%s: not <case>_<XXXX>%s", filepath.Base(dir), n, ending))
			continue
		}
		if _, err := fmt.Sscanf(stem[len(stem)-4:], "%04d", &ch); err != nil {
			probs = append(probs, fmt.Sprintf("%s/%s: channel %q is not a 4-digit number", filepath.Base(dir), n, stem[len(stem)-4:]))
			continue
		}
		id := stem[:len(stem)-5]
		if chans[id] == nil {
			chans[id] = map[int]bool{}
		}
		chans[id][ch] = true
	}
	var ids []string
	for id, cs := range chans {
		ids = append(ids, id)
		// One line a case, naming the first missing channels: a
		// dataset.json naming thousands of channels gives no flood.
		var missing []string
		n := 0
		for c := 0; c < min(nch, maxChannels); c++ {
			if !cs[c] {
				if n++; n <= 5 {
					missing = append(missing, fmt.Sprintf("%04d", c))
				}
			}
		}
		if n > 5 {
			missing = append(missing, fmt.Sprintf("… (%d missing)", n))
		}
		if n > 0 {
			probs = append(probs, fmt.Sprintf("%s: case %s has no channel %s", filepath.Base(dir), id, strings.Join(missing, ", ")))
		}
		if len(cs) != nch {
			probs = append(probs, fmt.Sprintf("%s: case %s has %d channels, dataset.json names %d", filepath.Base(dir), id, len(cs), nch))
		}
	}
	sort.Strings(ids)
	return ids, probs
}

// checkCase compares an image and its label file and checks the labels'
// values.
func checkCase(imgPath, labPath string, expected map[int]bool) []string {
	name := filepath.Base(labPath)
	ih, err := nifti.ReadHeader(imgPath)
	if err != nil {
		return []string{err.Error()}
	}
	d, err := nifti.Load(labPath, nil)
	if err != nil {
		return []string{err.Error()}
	}
	var probs []string
	if ih.Datatype == nifti.Float32 || ih.Datatype == nifti.Float64 {
		if n, err := countNaN(imgPath); err != nil {
			probs = append(probs, err.Error())
		} else if n > 0 {
			probs = append(probs, fmt.Sprintf("%s: %d NaN voxels", filepath.Base(imgPath), n))
		}
	}
	ig, lg := ih.Grid(), d.Header.Grid()
	if ig.Dims != lg.Dims {
		return []string{fmt.Sprintf("%s: shape %v does not match the image's %v", name, lg.Dims, ig.Dims)}
	}
	for a := 0; a < 3; a++ {
		if !allClose(ig.Spacing[a], lg.Spacing[a]) {
			probs = append(probs, fmt.Sprintf("%s: spacing %v does not match the image's %v", name, lg.Spacing, ig.Spacing))
			break
		}
	}
	for r := 0; r < 4; r++ {
		for c := 0; c < 4; c++ {
			if !allClose(ig.Affine[r][c], lg.Affine[r][c]) {
				probs = append(probs, fmt.Sprintf("%s: affine %v does not match the image's %v", name, lg.Affine, ig.Affine))
				r, c = 4, 4
			}
		}
	}
	m, err := d.Labels()
	if err != nil {
		return append(probs, err.Error())
	}
	var bad []int
	for v, n := range m.Histogram() {
		if n > 0 && !expected[v] {
			bad = append(bad, v)
		}
	}
	if len(bad) > 0 {
		probs = append(probs, fmt.Sprintf("%s: unexpected label values %v", name, bad))
	}
	return probs
}

// countNaN counts the NaN voxels of a floating-point image (nnU-Net
// refuses images with NaN).
func countNaN(path string) (int, error) {
	d, err := nifti.Load(path, nil)
	if err != nil {
		return 0, err
	}
	n := 0
	switch d.Header.Datatype {
	case nifti.Float32:
		for i := 0; i+4 <= len(d.Bytes); i += 4 {
			if v := math.Float32frombits(binary.LittleEndian.Uint32(d.Bytes[i:])); v != v {
				n++
			}
		}
	case nifti.Float64:
		for i := 0; i+8 <= len(d.Bytes); i += 8 {
			if math.IsNaN(math.Float64frombits(binary.LittleEndian.Uint64(d.Bytes[i:]))) {
				n++
			}
		}
	}
	return n, nil
}

// allClose is numpy's allclose for one pair (rtol 1e-5, atol 1e-8).
func allClose(a, b float64) bool { return math.Abs(a-b) <= 1e-8+1e-5*math.Abs(b) }

// checkSplits checks splits_final.json when it exists.
func checkSplits(p string, ids []string) []string {
	b, err := regular.ReadFile(p, maxJSONBytes)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return []string{err.Error()}
	}
	var sp []split
	if err := json.Unmarshal(b, &sp); err != nil {
		return []string{"splits_final.json: " + err.Error()}
	}
	known := map[string]bool{}
	for _, id := range ids {
		known[id] = true
	}
	var probs []string
	seen := map[string]int{}
	for f, s := range sp {
		val := map[string]bool{}
		for _, id := range s.Val {
			val[id] = true
			if !known[id] {
				probs = append(probs, fmt.Sprintf("splits_final.json fold %d: validation case %s is not in imagesTr", f, id))
			}
			if g, ok := seen[id]; ok {
				probs = append(probs, fmt.Sprintf("splits_final.json: case %s validates in folds %d and %d", id, g, f))
			}
			seen[id] = f
		}
		for _, id := range s.Train {
			if !known[id] {
				probs = append(probs, fmt.Sprintf("splits_final.json fold %d: training case %s is not in imagesTr", f, id))
			}
			if val[id] {
				probs = append(probs, fmt.Sprintf("splits_final.json fold %d: case %s both trains and validates", f, id))
			}
		}
	}
	return probs
}
