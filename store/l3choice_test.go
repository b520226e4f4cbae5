package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestL3ChoiceRoundTrip: a saved choice reads back; none reads as nil; a
// file with a height in centimetres is refused naming the file.
func TestL3ChoiceRoundTrip(t *testing.T) {
	c := &Case{ID: "c1", Dir: t.TempDir()}
	if ch, err := c.LoadL3(); err != nil || ch != nil {
		t.Fatalf("no file: %v %v", ch, err)
	}
	want := L3Choice{K: 35, Source: "marked", HeightM: 1.72}
	if err := c.SaveL3(&want); err != nil {
		t.Fatal(err)
	}
	got, err := c.LoadL3()
	if err != nil || got == nil || *got != want {
		t.Fatalf("read back %+v %v", got, err)
	}
	os.WriteFile(filepath.Join(c.Dir, L3File), []byte(`{"k":35,"source":"marked","height_m":172}`), 0o644)
	if _, err := c.LoadL3(); err == nil || !strings.Contains(err.Error(), L3File) {
		t.Errorf("height in cm: %v", err)
	}
}
