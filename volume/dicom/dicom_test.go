package dicom

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/internal/dicomtest"
)

// TestAxialSeries: slices ordered by position (files shuffled, instance
// numbers reversed), signed 12-bit storage with slope and intercept, and
// the RAS affine from orientation, spacing and the first position.
func TestAxialSeries(t *testing.T) {
	dir := t.TempDir()
	s := dicomtest.Series{UID: "1.2.3.100", Rows: 6, Cols: 5, Orient: [6]float64{1, 0, 0, 0, 1, 0}, Origin: [3]float64{-100, -80, 20},
		RowSp: 0.7, ColSp: 0.8, Step: 2.5, N: 7, Signed: true, BitsStored: 12, Slope: 2, Inter: -1024, Skip: -1,
		Value: func(i, j, k int) int { v := i + 10*j + 100*k - 300; return v & 0x0fff }}
	s.Write(t, dir)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not dicom"), 0o644)
	all, skipped, warn, err := Scan(dir)
	if err != nil || len(all) != 1 || skipped != 1 || len(warn) != 0 || len(all[0].Files) != 7 {
		t.Fatalf("scan: %v, %d series, %d skipped, warnings %v", err, len(all), skipped, warn)
	}
	im, warn, err := all[0].Image(nil)
	if err != nil || len(warn) != 0 {
		t.Fatalf("%v %v", err, warn)
	}
	if im.Dims != [3]int{5, 6, 7} {
		t.Fatalf("dims %v", im.Dims)
	}
	for k := 0; k < 7; k++ {
		for j := 0; j < 6; j++ {
			for i := 0; i < 5; i++ {
				want := (i+10*j+100*k-300)*2 - 1024
				if got := im.At(i, j, k); int(got) != want {
					t.Fatalf("voxel (%d,%d,%d) = %d, want %d", i, j, k, got, want)
				}
			}
		}
	}
	want := [4][4]float64{{-0.8, 0, 0, 100}, {0, -0.7, 0, 80}, {0, 0, 2.5, 20}, {0, 0, 0, 1}}
	for r := 0; r < 4; r++ {
		for c := 0; c < 4; c++ {
			if math.Abs(im.Affine[r][c]-want[r][c]) > 1e-6 {
				t.Fatalf("affine %v, want %v", im.Affine, want)
			}
		}
	}
	if im.AxCodes() != "LPS" {
		t.Errorf("axcodes %s", im.AxCodes())
	}
}

// TestSagittalUnsignedSeries: a sagittal series stored unsigned with an
// intercept: axis codes and HU from the header, not the array order.
func TestSagittalUnsignedSeries(t *testing.T) {
	dir := t.TempDir()
	s := dicomtest.Series{UID: "1.2.3.200", Rows: 4, Cols: 3, Orient: [6]float64{0, 1, 0, 0, 0, -1}, Origin: [3]float64{-30, -50, 60},
		RowSp: 1, ColSp: 1.25, Step: 3, N: 5, BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1,
		Value: func(i, j, k int) int { return 1000 + i + 7*j + 50*k }}
	s.Write(t, dir)
	all, _, _, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	im, _, err := all[0].Image(nil)
	if err != nil {
		t.Fatal(err)
	}
	// i runs toward posterior, j toward inferior, k (the normal, row ×
	// column = −x in LPS) toward the patient's right.
	if im.AxCodes() != "PIR" {
		t.Errorf("axcodes %s", im.AxCodes())
	}
	if got := im.At(2, 3, 4); got != 1000+2+21+200-1024 {
		t.Errorf("voxel %d", got)
	}
	if p := im.World(0, 0, 0); math.Abs(p[0]-30) > 1e-6 || math.Abs(p[1]-50) > 1e-6 || math.Abs(p[2]-60) > 1e-6 {
		t.Errorf("origin %v", p)
	}
}

// TestMissingSliceWarns: a gap of two steps is reported by name.
func TestMissingSliceWarns(t *testing.T) {
	dir := t.TempDir()
	s := dicomtest.Series{UID: "1.2.3.300", Rows: 2, Cols: 2, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 5, N: 6,
		BitsStored: 16, Slope: 1, Skip: 3, Value: func(i, j, k int) int { return k }}
	s.Write(t, dir)
	all, _, _, _ := Scan(dir)
	_, warn, err := all[0].Image(nil)
	if err != nil || len(warn) != 1 || !strings.Contains(warn[0], "missing") {
		t.Errorf("%v %v", err, warn)
	}
}

// TestAbsurdSizeIsRefused: a header claiming far more pixels than the file
// holds is a warning naming the file, not a huge allocation.
func TestAbsurdSizeIsRefused(t *testing.T) {
	dir := t.TempDir()
	dicomtest.Series{UID: "1.2.3.400", Rows: 2, Cols: 2, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 2,
		BitsStored: 16, Slope: 1, Skip: -1, Value: func(i, j, k int) int { return 0 }}.Write(t, dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.dcm"))
	b, _ := os.ReadFile(files[0])
	// Rows (0028,0010) US 2 → 65535, found by its tag bytes.
	idx := strings.Index(string(b), "\x28\x00\x10\x00US\x02\x00")
	if idx < 0 {
		t.Fatal("no Rows element found")
	}
	b[idx+8], b[idx+9] = 0xff, 0xff
	os.WriteFile(files[0], b, 0o644)
	_, _, warn, err := Scan(dir)
	if err != nil || len(warn) != 1 || !strings.Contains(warn[0], "claims 2×65535 pixels") {
		t.Errorf("%v %v", err, warn)
	}
}

// TestFastAndLibraryPathsAgree: reading pixel data from the end of the
// file and through the full parser give the same slice.
func TestFastAndLibraryPathsAgree(t *testing.T) {
	dir := t.TempDir()
	dicomtest.Series{UID: "1.2.3.500", Rows: 5, Cols: 7, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 1, N: 3,
		Signed: true, BitsStored: 12, Slope: 1.5, Inter: -20, Skip: -1, Value: func(i, j, k int) int { return (i*37 - j*11 + k) & 0xfff }}.Write(t, dir)
	all, _, _, _ := Scan(dir)
	for _, f := range all[0].Files {
		fast, slow := make([]int16, 35), make([]int16, 35)
		if _, ok := readRaw(f, nil); !ok {
			t.Fatal("fast path not taken")
		}
		if _, err := readSlice(f, fast, nil); err != nil {
			t.Fatal(err)
		}
		g := *f
		g.BitsAlloc = 0 // not the fast path's layout: through the parser
		if _, err := readSlice(&g, slow, nil); err != nil {
			t.Fatal(err)
		}
		for i := range fast {
			if fast[i] != slow[i] {
				t.Fatalf("%s pixel %d: %d fast, %d parsed", f.Path, i, fast[i], slow[i])
			}
		}
	}
}

// TestTransferSyntaxes: implicit and explicit little endian and explicit
// big endian read the same values; compressed pixel data is an error that
// names the transfer syntax.
func TestTransferSyntaxes(t *testing.T) {
	const rle = "1.2.840.10008.1.2.5" // same length as explicit little endian
	for _, syn := range []string{"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", rle} {
		t.Run(syn, func(t *testing.T) {
			dir := t.TempDir()
			write := syn
			if syn == rle {
				write = "1.2.840.10008.1.2.1"
			}
			dicomtest.Series{UID: "1.2.3.600", Rows: 3, Cols: 4, Orient: [6]float64{1, 0, 0, 0, 1, 0}, RowSp: 1, ColSp: 1, Step: 2, N: 3,
				BitsStored: 16, Signed: true, Slope: 1, Skip: -1, Syntax: write,
				Value: func(i, j, k int) int { return i - 5*j + 100*k - 7 }}.Write(t, dir)
			if syn == rle { // relabel the files as RLE-compressed
				files, _ := filepath.Glob(filepath.Join(dir, "*.dcm"))
				for _, p := range files {
					b, _ := os.ReadFile(p)
					os.WriteFile(p, []byte(strings.Replace(string(b), "1.2.840.10008.1.2.1\x00", rle+"\x00", 1)), 0o644)
				}
			}
			all, _, warn, err := Scan(dir)
			if err != nil || len(all) != 1 {
				t.Fatalf("%v %v", err, warn)
			}
			im, _, err := all[0].Image(nil)
			if syn == rle {
				if !errors.Is(err, ErrCompressed) || !strings.Contains(err.Error(), rle) {
					t.Fatalf("compressed: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := im.At(3, 2, 1); got != 3-10+100-7 {
				t.Errorf("voxel %d", got)
			}
		})
	}
}
