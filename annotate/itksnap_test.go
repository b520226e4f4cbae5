package annotate

import (
	"bytes"
	"strings"
	"testing"
)

// itksnapSample is the label file ITK-SNAP 4 writes for a new segmentation.
const itksnapSample = `################################################
# ITK-SnAP Label Description File
################################################
    0     0    0    0        0  0  0    "Clear Label"
    1   255    0    0        1  1  1    "Label 1"
    2     0  255    0        1  1  1    "Label 2"
   13   102  205  170      0.5  0  1    "subm. \"gland\""
`

func TestITKSnapRoundTrip(t *testing.T) {
	got, err := ReadITKSnap(strings.NewReader(itksnapSample), "sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[1] != (LabelDesc{1, 255, 0, 0, 1, true, true, "Label 1"}) || got[3].Name != `subm. "gland"` || got[3].Alpha != 0.5 || got[3].Visible {
		t.Fatalf("parsed %+v", got)
	}
	var b bytes.Buffer
	if err := WriteITKSnap(&b, got); err != nil {
		t.Fatal(err)
	}
	again, err := ReadITKSnap(&b, "again.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		if again[i] != got[i] {
			t.Errorf("line %d: %+v became %+v", i, got[i], again[i])
		}
	}
}

func TestITKSnapErrorsNameTheLine(t *testing.T) {
	for in, want := range map[string]string{
		"# c\n 1 2 3 4 1 1 1 \"a\"\n 1 2 3 4 1 1 1 \"b\"\n": "x.txt line 3: label 1 already defined on line 2",
		"\n\n 1 300 0 0 1 1 1 \"a\"\n":                      "x.txt line 3: colour component \"300\"",
		" 1 0 0 0 1.5 1 1 \"a\"\n":                          "line 1: alpha 1.5",
		" 1 0 0 0 1 1 \"a\"\n":                              "6 fields",
		" 1 0 0 0 1 1 1 a\n":                                "no quoted label name",
		" x 0 0 0 1 1 1 \"a\"\n":                            "label value \"x\"",
		" 1 0 0 0 1 2 1 \"a\"\n":                            "visibility flag \"2\"",
	} {
		_, err := ReadITKSnap(strings.NewReader(in), "x.txt")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}

func FuzzReadITKSnap(f *testing.F) {
	f.Add(itksnapSample)
	f.Add(" 1 0 0 0 1 1 1 \"a\"\n 1 2 3 4 1 1 1 \"b\"\n")
	f.Add(" 1 0 0 0 NaN 1 1 \"\\x\"")
	f.Fuzz(func(t *testing.T, s string) {
		ls, err := ReadITKSnap(strings.NewReader(s), "fuzz.txt")
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteITKSnap(&b, ls); err != nil {
			t.Fatal(err)
		}
		again, err := ReadITKSnap(&b, "again.txt")
		if err != nil || len(again) != len(ls) {
			t.Fatalf("rewritten file does not read back: %v\n%s", err, b.String())
		}
	})
}
