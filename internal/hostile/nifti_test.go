package hostile

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHostileNIfTI: headers that claim more than the file holds, forged
// gzip trailers, far-away voxels and broken transforms are refused by
// `info` with a message naming the problem, within the budget.
func TestHostileNIfTI(t *testing.T) {
	dir := t.TempDir()
	big := [3]int{1024, 1024, 1000} // 2 GiB of int16, under the voxel cap
	for _, c := range []struct {
		name string
		b    []byte
		env  []string
		code int
		want []string
	}{
		{"over-cap.nii.gz", Gzip(NiftiHeader([3]int{2048, 2048, 1280}, Uint8)), nil, 2,
			[]string{"over-cap.nii.gz", "dims 2048×2048×1280 are 5368709120 voxels, more than the cap of 3145728000 voxels per image (set SAROS_MAX_VOXELS to raise it)"}},
		{"short-stream.nii.gz", NiftiShortStream(big, 3<<20), []string{"SAROS_MAX_MEMORY=64G"}, 2,
			[]string{"short-stream.nii.gz", "file is truncated: gzip stream ends after"}},
		{"forged-isize.nii.gz", NiftiForgedISize(big, 3<<20), []string{"SAROS_MAX_MEMORY=64G"}, 2,
			[]string{"forged-isize.nii.gz", "gzip stream is corrupt: its trailer's checksum or size does not match the voxel data"}},
		{"far-voxels.nii.gz", NiftiFarVoxels(1e9, 1<<20), nil, 2,
			[]string{"far-voxels.nii.gz", "vox_offset 1000000000 puts 953.7 MiB of extensions before the voxels; at most 16.0 MiB are read"}},
		{"nan-sform.nii", SetFloat32(append(NiftiHeader([3]int{4, 4, 4}, Int16), make([]byte, 128)...), 284, nan32()), nil, 2,
			[]string{"nan-sform.nii", "the sform (srow_x, srow_y, srow_z) holds NaN: the file has no usable voxel-to-world transform"}},
		{"cap-lowered.nii.gz", NiftiZeros([3]int{64, 64, 64}), []string{"SAROS_MAX_VOXELS=100000"}, 2,
			[]string{"dims 64×64×64 are 262144 voxels, more than the cap of 100000 voxels per image"}},
		{"cap-raised.nii.gz", NiftiZeros([3]int{64, 64, 64}), []string{"SAROS_MAX_VOXELS=300000"}, 0, nil},
		{"cap-typo.nii.gz", NiftiZeros([3]int{64, 64, 64}), []string{"SAROS_MAX_VOXELS=3e9"}, 2,
			[]string{`SAROS_MAX_VOXELS="3e9" is not a positive whole number of voxels`}},
		{"zero-members-6GiB.nii.gz", NiftiZeroMembers([3]int{1024, 1024, 3000}, Int16), nil, 2,
			[]string{"zero-members-6GiB.nii.gz", "dims 1024×1024×3000 of int16 need 5.9 GiB of memory, more than the", "set SAROS_MAX_MEMORY"}},
		{"quatern-555.nii", func() []byte {
			h := append(NiftiHeader([3]int{4, 4, 4}, Int16), make([]byte, 128)...)
			h[254] = 0 // sform_code 0: the qform is the transform
			for _, off := range []int{256, 260, 264} {
				SetFloat32(h, off, 5)
			}
			return h
		}(), nil, 2, []string{"quatern-555.nii", "quatern_b/c/d (5, 5, 5) are not a rotation: their squares add up to 75, more than 1"}},
		{"zeros-200MB.nii.gz", NiftiZeros([3]int{512, 512, 400}), nil, 0, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, dir, c.name, c.b)
			r := run(t, c.env, "info", p)
			if c.name == "zeros-200MB.nii.gz" {
				// A genuine 100 MiB image in a 100 KB file costs its
				// voxels once, plus the runtime's baseline.
				expectBudget(t, r, 0, 512*512*400+100<<20)
				return
			}
			expect(t, r, c.code, c.want...)
		})
	}
}

// TestZeroBombCase: a 1.6 MB case whose image and maps are genuine
// streams of 512 MiB of zeros each is refused by every command that reads
// voxels, naming the memory it would need, instead of dying of out of
// memory; with the budget raised past it the refusal goes away.
func TestZeroBombCase(t *testing.T) {
	dir := t.TempDir()
	zeros := NiftiZeroMembers([3]int{1024, 1024, 512}, Uint8)
	for _, f := range []string{"image.nii.gz", "body-regions.nii.gz", "body-parts.nii.gz"} {
		write(t, dir, filepath.Join("case_000", f), zeros)
	}
	cs := filepath.Join(dir, "case_000")
	for _, args := range [][]string{{"info", filepath.Join(cs, "image.nii.gz")}, {"qc", cs}, {"stats", cs}, {"qc", dir}} {
		r := run(t, nil, args...)
		expect(t, r, 2, "dims 1024×1024×512 of uint8 need 512.0 MiB of memory, more than the")
	}
	r := run(t, []string{"SAROS_MAX_MEMORY=1K"}, "info", filepath.Join(cs, "image.nii.gz"))
	expect(t, r, 2, "set SAROS_MAX_MEMORY")
	r = run(t, []string{"SAROS_MAX_MEMORY=lots"}, "info", filepath.Join(cs, "image.nii.gz"))
	expect(t, r, 2, `SAROS_MAX_MEMORY="lots" is not a number of bytes`)
	r = run(t, []string{"SAROS_MAX_VOXELS=3e9"}, "info", filepath.Join(cs, "image.nii.gz"))
	expect(t, r, 2, `SAROS_MAX_VOXELS="3e9" is not a positive whole number of voxels`)
	if strings.Contains(r.stderr, "invalid NIfTI") {
		t.Errorf("a bad setting is called a bad file: %s", r.stderr)
	}
}

// expectBudget is expect with a memory budget of its own, for files that
// really hold that much.
func expectBudget(t *testing.T, r result, code int, rss int64) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d: %s", r.code, code, clip(r.stderr))
	}
	if r.rss > rss {
		t.Errorf("peak memory %d MB, budget %d MB", r.rss>>20, rss>>20)
	}
	if r.took > maxTime {
		t.Errorf("took %v", r.took)
	}
	t.Logf("exit %d, %d MB, %v", r.code, r.rss>>20, r.took)
}

// TestWorklistReadsHeadersOnly: `review` and `qc --jobs 2` over a data
// set whose three images put their voxels a gigabyte away cost headers,
// not extensions: each case is reported, within the budget.
func TestWorklistReadsHeadersOnly(t *testing.T) {
	dir := t.TempDir()
	far := NiftiFarVoxels(1e9, 1<<20)
	for _, id := range []string{"case_000", "case_001", "case_002"} {
		write(t, dir, filepath.Join(id, "image.nii.gz"), far)
		write(t, dir, filepath.Join(id, "body-regions.nii.gz"), far)
		write(t, dir, filepath.Join(id, "body-parts.nii.gz"), far)
	}
	r := run(t, nil, "review", dir)
	expectBudget(t, r, r.code, maxRSS)
	if r.code > 2 {
		t.Errorf("review exit %d", r.code)
	}
	r = run(t, nil, "qc", dir, "--jobs", "2")
	expect(t, r, 2, "could not check case_000", "could not check case_002", "vox_offset 1000000000")
}

// TestFIFOsNeverHang: a named pipe where an image, a label map, a CSV or
// the rules file belongs gets a message; nothing waits for a writer.
func TestFIFOsNeverHang(t *testing.T) {
	dir := t.TempDir()
	fifo := func(p string) string {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	img := fifo(filepath.Join(dir, "image.nii.gz"))
	expect(t, run(t, nil, "info", img), 2, img+": is a named pipe (FIFO), not a regular file")

	set := t.TempDir()
	good := append(NiftiHeader([3]int{4, 4, 4}, Int16), make([]byte, 128)...)
	write(t, set, "case_000/image.nii", good)
	fifo(filepath.Join(set, "case_000", "body-regions.nii.gz"))
	fifo(filepath.Join(set, "case_000", "body-parts.nii.gz"))
	fifo(filepath.Join(set, "Segmentation Info.csv"))
	fifo(filepath.Join(set, "qc-rules.conf"))
	r := run(t, nil, "qc", set)
	expect(t, r, 2, "qc-rules.conf: is a named pipe (FIFO), not a regular file")
	r = run(t, nil, "review", set)
	expectBudget(t, r, r.code, maxRSS)
	r = run(t, nil, "stats", set)
	expectBudget(t, r, r.code, maxRSS)
}

func nan32() float32 {
	var z float32
	return z / z
}
