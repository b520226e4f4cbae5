package bodycomp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/saros-review/saros-review/internal/regular"
)

// MaxVertebraeFile bounds a vertebrae.json read (1 MiB; BOA's lists a
// few dozen vertebrae in a few hundred bytes).
const MaxVertebraeFile = 1 << 20

// ReadVertebrae reads BOA's vertebrae.json: vertebra name to the slice
// range [first, last+1) in BOA's slice order. A file over
// MaxVertebraeFile, a name given twice (names compared trimmed and
// without case: "L3" and "l3" are one vertebra) and an empty or reversed
// range are refused, naming the file.
func ReadVertebrae(path string) (map[string][2]int, error) {
	f, err := regular.Open(path) // a named pipe would block the read forever
	if err != nil {
		return nil, fmt.Errorf("read vertebrae: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxVertebraeFile+1))
	if err != nil {
		return nil, fmt.Errorf("read vertebrae: %w", err)
	}
	return parseVertebrae(path, b)
}

// parseVertebrae is ReadVertebrae on the bytes of file path.
func parseVertebrae(path string, b []byte) (map[string][2]int, error) {
	if len(b) > MaxVertebraeFile {
		return nil, fmt.Errorf("%s: more than %d bytes, not BOA's vertebrae.json", path, MaxVertebraeFile)
	}
	bad := func(e error) error {
		return fmt.Errorf("%s: not BOA's vertebrae.json (name: [first, last+1]): %w", path, e)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil, bad(errors.New("not a JSON object"))
	}
	v := map[string][2]int{}
	seen := map[string]string{}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return nil, bad(err)
		}
		name := t.(string) // object keys are strings
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return nil, bad(fmt.Errorf("%s: %w", name, err))
		}
		var r [2]int
		if err := json.Unmarshal(raw, &r); err != nil || !twoNumbers(raw) {
			return nil, bad(fmt.Errorf("%q holds %s, not [first, last+1] (two whole slice numbers)", name, clip(raw, 40)))
		}
		key := strings.ToUpper(strings.TrimSpace(name))
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("%s: vertebra %q given twice (%q and %q)", path, key, prev, name)
		}
		seen[key] = name
		if r[0] < 0 || r[1] <= r[0] {
			return nil, fmt.Errorf("%s: %s has the slice range [%d, %d)", path, name, r[0], r[1])
		}
		v[name] = r
	}
	if _, err := d.Token(); err != nil {
		return nil, bad(err)
	}
	if d.More() {
		return nil, bad(errors.New("data after the object"))
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, bad(errors.New("data after the object"))
	}
	return v, nil
}

// twoNumbers reports whether raw is a JSON array of exactly two values
// ([2]int also takes shorter and longer arrays).
func twoNumbers(raw json.RawMessage) bool {
	var a []json.RawMessage
	return json.Unmarshal(raw, &a) == nil && len(a) == 2
}

// clip shortens raw JSON for a message.
func clip(raw json.RawMessage, n int) string {
	if len(raw) <= n {
		return string(raw)
	}
	return string(raw[:n]) + fmt.Sprintf("… (%d bytes)", len(raw))
}
