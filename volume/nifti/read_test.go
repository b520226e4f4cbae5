package nifti

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestBadInputsFailClearly: every malformed file gives an error that names
// the file, within a second, without a panic and without allocating more
// than a few MB beyond what the file can plausibly hold (16× its size)
// whatever the header or the gzip trailer claims.
func TestBadInputsFailClearly(t *testing.T) {
	bad := badInputs(t)
	names := make([]string, 0, len(bad))
	for n := range bad {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			p := writeTemp(t, name, bad[name])
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			d, err := Load(p, nil)
			if err == nil {
				_, err = d.Image()
			}
			el := time.Since(start)
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatal("loaded without error")
			}
			msg := err.Error()
			if !strings.Contains(msg, p) {
				t.Errorf("error does not name the file: %s", msg)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans lines: %q", msg)
			}
			if !errors.Is(err, ErrFormat) {
				t.Errorf("error is not a format error: %s", msg)
			}
			if el > time.Second {
				t.Errorf("took %v", el)
			}
			if a := after.TotalAlloc - before.TotalAlloc; a > 4<<20+uint64(len(bad[name]))*(trustedRatio+4) {
				t.Errorf("allocated %d bytes for a %d-byte file", a, len(bad[name]))
			}
		})
	}
}

func TestBadInputMessages(t *testing.T) {
	bad := badInputs(t)
	for name, want := range map[string]string{
		"empty.nii":              "file is empty",
		"absurd-dims.nii":        "dims 30000×30000×30000 are 27000000000000 voxels, more than the cap of 3145728000 voxels per image (set SAROS_MAX_VOXELS to raise it)",
		"nan-sform.nii":          "the sform (srow_x, srow_y, srow_z) holds NaN: the file has no usable voxel-to-world transform",
		"inf-qform.nii":          "the qform (quatern_b/c/d, qoffset_x/y/z) holds -Inf",
		"over-cap.nii.gz":        "dims 2048×2048×1000 are 4194304000 voxels, more than the cap",
		"forged-isize.nii.gz":    "trailer's checksum or size does not match",
		"huge-extensions.nii.gz": "vox_offset 100000000 puts 95.4 MiB of extensions before the voxels; at most 16.0 MiB are read",
		"absurd-dims.nii.gz":     "dims 30000×30000×30000",
		"truncated-data.nii":     "truncated",
		"truncated-data.nii.gz":  "truncated",
		"unknown-datatype.nii":   "unknown datatype code 99",
		"wrong-magic.nii":        "magic",
		"absurd-vox-offset.nii":  "vox_offset",
		"negative-dim.nii":       "dim[1] is -5",
		"four-d.nii":             "only 3-D",
		"two-file-magic.nii":     ".hdr/.img",
	} {
		_, err := Load(writeTemp(t, name, bad[name]), nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to say %q", name, err, want)
		}
	}
}

func TestMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.nii.gz"), nil)
	if !errors.Is(err, os.ErrNotExist) || errors.Is(err, ErrFormat) {
		t.Fatalf("got %v", err)
	}
}

// TestDecodersAgree: libdeflate (when linked) and the streaming decoder give
// the same voxels, also for multi-member streams and trailing bytes.
func TestDecodersAgree(t *testing.T) {
	raw, _ := rawNifti(t, testGrid(33, 17, 9))
	want, err := Load(writeTemp(t, "a.nii", raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	half := len(raw) / 2
	for name, file := range map[string][]byte{
		"single.nii.gz":   gz(raw),
		"members.nii.gz":  append(gz(raw[:half]), gz(raw[half:])...),
		"trailing.nii.gz": gz(append(append([]byte(nil), raw...), make([]byte, 999)...)),
	} {
		p := writeTemp(t, name, file)
		d, err := Load(p, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(d.Bytes, want.Bytes) {
			t.Errorf("%s (%s): voxels differ", name, Inflater)
		}
		f, _ := os.Open(p)
		st, _ := f.Stat()
		b, err := inflateStream(f, st.Size(), 352, int64(len(want.Bytes)), func(int64, int64) {})
		f.Close()
		if err != nil || !bytes.Equal(b, want.Bytes) {
			t.Errorf("%s streaming: %v", name, err)
		}
	}
}

func TestProgressReachesTotal(t *testing.T) {
	raw, _ := rawNifti(t, testGrid(64, 64, 40))
	for _, name := range []string{"p.nii", "p.nii.gz"} {
		b := raw
		if strings.HasSuffix(name, ".gz") {
			b = gz(raw)
		}
		p := writeTemp(t, name, b)
		var last, calls int64
		_, err := Load(p, func(done, total int64) {
			if done < last || done > total || total != int64(len(b)) {
				t.Errorf("%s: progress %d/%d after %d", name, done, total, last)
			}
			last = done
			calls++
		})
		if err != nil || last != int64(len(b)) || calls < 2 {
			t.Errorf("%s: err %v, ended at %d of %d after %d calls", name, err, last, len(b), calls)
		}
	}
}

// TestInt16LoadsWithoutCopy: unscaled int16 becomes the image's voxels
// in place.
func TestInt16LoadsWithoutCopy(t *testing.T) {
	raw, _ := rawNifti(t, testGrid(16, 16, 8))
	d, err := Load(writeTemp(t, "c.nii.gz", gz(raw)), nil)
	if err != nil {
		t.Fatal(err)
	}
	first := &d.Bytes[0]
	im, err := d.Image()
	if err != nil {
		t.Fatal(err)
	}
	if (*byte)(unsafePointer(&im.Voxels[0])) != first {
		t.Error("image voxels were copied")
	}
	if im.At(1, 0, 0) != -4 || im.At(0, 1, 0) != 16*3-7 {
		t.Errorf("voxel values %d %d", im.At(1, 0, 0), im.At(0, 1, 0))
	}
}

func TestLabelsRejectNonLabelValues(t *testing.T) {
	raw, _ := rawNifti(t, testGrid(8, 8, 4)) // holds negative and > 255 values
	_, _, err := LoadLabels(writeTemp(t, "l.nii", raw), nil)
	if err == nil || !strings.Contains(err.Error(), "not labels 0..255") || !strings.Contains(err.Error(), "l.nii") {
		t.Fatalf("got %v", err)
	}
}

// TestLoadMemoryBound: loading a CT allocates at most 1.7× its voxel bytes
// on the heap, whichever decoder this build uses (make test runs both).
func TestLoadMemoryBound(t *testing.T) {
	p := benchPhantom(t, 60, 5)
	var raw bytes.Buffer
	if err := WriteImage(&raw, p.Image, nil); err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, "ct.nii.gz", raw.Bytes())
	vb := float64(2 * len(p.Image.Voxels))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	im, _, err := LoadImage(path, nil)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if r := float64(after.TotalAlloc-before.TotalAlloc) / vb; r > 1.7 {
		t.Errorf("%s: allocated %.2f× the voxel bytes", Inflater, r)
	}
	for i, v := range p.Image.Voxels {
		if im.Voxels[i] != v {
			t.Fatalf("voxel %d: %d, want %d", i, im.Voxels[i], v)
		}
	}
}
