package nnunet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/saros-review/saros-review/internal/regular"
)

// datasetKeys are the keys of dataset.json the export writes.
var datasetKeys = []string{"channel_names", "labels", "numTraining", "file_ending", "name", "description", "reference"}

// DatasetJSONChange says how writing dataset.json treated what was there.
type DatasetJSONChange struct {
	Kept     []string // keys the export does not write, kept as they were
	Replaced []string // keys the export writes whose old value differed (numTraining not counted)
}

// mergeDatasetJSON returns the bytes of dataset.json: the export's keys
// with their new values, then every other key of the existing file p
// unchanged (a user's "licence" or "release" survives a re-export). An
// existing file that is not a JSON object is an error naming it, not
// silently replaced.
func mergeDatasetJSON(p string, d *datasetFile) ([]byte, DatasetJSONChange, error) {
	var ch DatasetJSONChange
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, ch, fmt.Errorf("nnU-Net export: dataset.json: %w", err)
	}
	old, err := regular.ReadFile(p, maxJSONBytes)
	if os.IsNotExist(err) {
		return append(b, '\n'), ch, nil
	}
	if err != nil {
		return nil, ch, fmt.Errorf("nnU-Net export: %w", err)
	}
	var was map[string]json.RawMessage
	if err := json.Unmarshal(old, &was); err != nil {
		return nil, ch, fmt.Errorf("nnU-Net export: %s is not a JSON object (%v): fix or remove it", p, err)
	}
	var now map[string]json.RawMessage
	json.Unmarshal(b, &now)
	known := map[string]bool{}
	for _, k := range datasetKeys {
		known[k] = true
		if v, ok := was[k]; ok && k != "numTraining" && !sameJSON(v, now[k]) {
			ch.Replaced = append(ch.Replaced, k)
		}
	}
	for k := range was {
		if !known[k] {
			ch.Kept = append(ch.Kept, k)
		}
	}
	sort.Strings(ch.Kept)
	if len(ch.Kept) > 0 {
		b = bytes.TrimSuffix(b, []byte("}"))
		b = bytes.TrimRight(b, "\n")
		for _, k := range ch.Kept {
			key, _ := json.Marshal(k)
			var v bytes.Buffer
			if err := json.Indent(&v, was[k], "  ", "  "); err != nil {
				return nil, ch, fmt.Errorf("nnU-Net export: %s: key %s: %w", p, k, err)
			}
			b = fmt.Appendf(b, ",\n  %s: %s", key, v.Bytes())
		}
		b = append(b, "\n}"...)
	}
	return append(b, '\n'), ch, nil
}

// sameJSON compares two JSON values ignoring white space.
func sameJSON(a, b json.RawMessage) bool {
	var x, y bytes.Buffer
	if json.Compact(&x, a) != nil || json.Compact(&y, b) != nil {
		return false
	}
	return bytes.Equal(x.Bytes(), y.Bytes())
}
