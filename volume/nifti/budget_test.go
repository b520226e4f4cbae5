package nifti

import (
	"bytes"
	"runtime"
	"testing"
)

// TestHighRatioProvesStream: an image far larger than its compressed file
// (a label map of one value) comes out identical to the raw file,
// allocating its voxels once, whether or not it is past trustedAlloc (and
// so first proven by a counting pass).
func TestHighRatioProvesStream(t *testing.T) {
	raw, _ := rawNifti(t, testGrid(256, 256, 40))
	for i := 352; i < len(raw); i++ {
		raw[i] = 7
	}
	want, err := Load(writeTemp(t, "a.nii", raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	z := gz(raw)
	if int64(len(raw)) <= plausibleAlloc(int64(len(z))) {
		t.Fatalf("%d-byte file inflating to %d is not past the trusted ratio", len(z), len(raw))
	}
	p := writeTemp(t, "a.nii.gz", z)
	for _, trusted := range []int64{trustedBytes, 1 << 20} {
		defer func(old int64) { trustedBytes = old }(trustedBytes)
		trustedBytes = trusted
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got, err := Load(p, nil)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes, want.Bytes) {
			t.Fatalf("trusted %d: voxels differ from the raw file", trusted)
		}
		if a := after.TotalAlloc - before.TotalAlloc; a > uint64(len(want.Bytes))+8<<20 {
			t.Errorf("trusted %d: allocated %d bytes for %d voxel bytes", trusted, a, len(want.Bytes))
		}
	}
}

// TestReadHeaderSkipsExtensions: a worklist's header read leaves the
// extensions unread.
func TestReadHeaderSkipsExtensions(t *testing.T) {
	raw, _ := rawNifti(t, testGrid(4, 4, 4))
	h, err := ReadHeader(writeTemp(t, "a.nii", raw))
	if err != nil {
		t.Fatal(err)
	}
	if h.Extra != nil {
		t.Errorf("ReadHeader read %d extension bytes", len(h.Extra))
	}
	d, err := Load(writeTemp(t, "a.nii", raw), nil)
	if err != nil || len(d.Header.Extra) != 4 {
		t.Fatalf("Load: %v, %d extension bytes", err, len(d.Header.Extra))
	}
}
