package bodycomp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadVertebraeHostile: a file over 1 MiB, a vertebra given twice
// (also as "l3" and "L3"), trailing data, bad ranges and values that are
// not two whole numbers (said in words, the value clipped) are refused
// naming the file; "l3" in lower case is found as L3.
func TestReadVertebraeHostile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for name, c := range map[string]struct{ body, want string }{
		"big.json":      {`{"L3": [1, 2], "x": "` + strings.Repeat("a", 1<<20) + `"}`, "more than 1048576 bytes"},
		"dup.json":      {`{"L3": [1, 2], "L3": [5, 9]}`, `"L3" given twice`},
		"case.json":     {`{"L3": [1, 2], " l3": [5, 9]}`, "given twice"},
		"trail.json":    {`{"L3": [1, 2]} {}`, "data after"},
		"range.json":    {`{"L3": [4, 2]}`, "slice range"},
		"array.json":    {`[1, 2]`, "not a JSON object"},
		"notrange.json": {`{"L3": "x"}`, "L3"},
		"string.json":   {`{"L3": "x"}`, `"L3" holds "x", not [first, last+1] (two whole slice numbers)`},
		"bignum.json":   {`{"L3": [1, ` + strings.Repeat("9", 100) + `]}`, "… (105 bytes), not [first, last+1]"},
		"short.json":    {`{"L3": [1]}`, `"L3" holds [1], not`},
		"long.json":     {`{"L3": [1, 2, 3]}`, `"L3" holds [1, 2, 3], not`},
		"float.json":    {`{"L3": [1.5, 2]}`, `"L3" holds [1.5, 2], not`},
		"null.json":     {`{"L3": null}`, `"L3" holds null, not`},
	} {
		p := write(name, c.body)
		if _, err := ReadVertebrae(p); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	v, err := ReadVertebrae(write("ok.json", `{"l3": [3, 8], "L4": [0, 3]}`))
	if err != nil || v["l3"] != [2]int{3, 8} {
		t.Fatalf("%v %v", v, err)
	}
}

// FuzzParseVertebrae: any bytes give vertebrae or an error, never a panic;
// every range returned is a non-empty forward range.
func FuzzParseVertebrae(f *testing.F) {
	for _, s := range []string{`{"L3": [1, 2], "L4": [2, 9]}`, `{"l3": [0, 1]}`, `{"L3": [1, 2], "L3": [1, 2]}`, `{`, `[]`, `{"L3": [1]}`, `{"L3": [1, 2, 3]}`, `{"a": null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := parseVertebrae("v.json", b)
		if err != nil {
			return
		}
		for n, r := range v {
			if r[0] < 0 || r[1] <= r[0] {
				t.Fatalf("%s: range %v accepted", n, r)
			}
		}
	})
}
