package cli

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/internal/dicomtest"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
	"github.com/saros-review/saros-review/volume/nifti"
)

// TestImportDICOM: a shuffled 1.25 mm series becomes a case resampled to
// 5 mm, with the original kept, and empty sparse label maps.
func TestImportDICOM(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "case_007")
	dicomtest.Series{UID: "1.2.3.9", Rows: 8, Cols: 6, Orient: [6]float64{1, 0, 0, 0, 1, 0}, Origin: [3]float64{-30, -40, 100},
		RowSp: 0.9, ColSp: 0.9, Step: 1.25, N: 20, BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1,
		Value: func(i, j, k int) int { return 1024 + 10*k }}.Write(t, src)
	code, out, errs := run("import-dicom", src, dst, "--resample", "5", "--keep-original")
	if code != 0 || !strings.Contains(out, "6×8×5, LPS") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	code, out, _ = run("info", filepath.Join(dst, "image.nii.gz"), filepath.Join(dst, "image_original.nii.gz"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var im, orig InfoRecord
	json.Unmarshal([]byte(lines[0]), &im)
	json.Unmarshal([]byte(lines[1]), &orig)
	if code != 0 || im.Spacing[2] != 5 || orig.Dims[2] != 20 || im.Affine[2][3] != 100 || im.Affine[0][3] != 30 || *im.Min != 0 || *im.Max != 10*16 {
		t.Errorf("image %+v original %+v", im, orig)
	}
	m, _, err := nifti.LoadLabels(filepath.Join(dst, "body-regions.nii.gz"), nil)
	if err != nil || len(m.AnnotatedSlices()) != 1 || m.Dims[2] != 5 {
		t.Errorf("labels: %v %v", err, m.AnnotatedSlices())
	}
	tags, err := store.ReadDICOMTags(dst)
	if err != nil || len(tags) < 10 {
		t.Errorf("kept tags: %v, %d", err, len(tags))
	}
	os.WriteFile(filepath.Join(dst, store.DICOMTagsFile), []byte("{broken"), 0o644)
	if _, err := store.ReadDICOMTags(dst); err == nil || !strings.Contains(err.Error(), store.DICOMTagsFile) {
		t.Errorf("broken tags file: %v", err)
	}
	if code, _, errs := run("import-dicom", t.TempDir(), dst); code != 2 || !strings.Contains(errs, "no DICOM image series") {
		t.Errorf("empty folder: %d %s", code, errs)
	}
	if code, _, errs := run("import-dicom", src, dst); code != 2 || !strings.Contains(errs, "the case already has files an import would replace (image.nii.gz, image_original.nii.gz, body-regions.nii.gz, body-parts.nii.gz); nothing was written") || !strings.Contains(errs, "add --replace") {
		t.Errorf("import over a case: %d %s", code, errs)
	}
	if code, _, errs := run("import-dicom", src, dst, "--replace"); code != 0 {
		t.Errorf("--replace: %d %s", code, errs)
	}
}

// TestImportAgreesWithDcm2niix: where dcm2niix is installed (make test
// installs it), our import and dcm2niix's conversion of the same series
// describe the same voxels at the same world positions. dcm2niix stores
// rows bottom-up (LAS) where we keep DICOM's and SimpleITK's order (LPS,
// as SAROS files are), so the comparison is in world space, voxel by voxel.
func TestImportAgreesWithDcm2niix(t *testing.T) {
	bin, err := exec.LookPath("dcm2niix")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("dcm2niix is not installed; make test installs it")
		}
		t.Skip("dcm2niix not installed")
	}
	for name, s := range map[string]dicomtest.Series{
		"axial": {UID: "1.2.3.10", Rows: 8, Cols: 6, Orient: [6]float64{1, 0, 0, 0, 1, 0}, Origin: [3]float64{-30, -40, 100},
			RowSp: 0.9, ColSp: 0.8, Step: 2.5, N: 5, BitsStored: 16, Slope: 1, Inter: -1024, Skip: -1,
			Value: func(i, j, k int) int { return 1024 + i + 10*j + 100*k }},
		"oblique-signed": {UID: "1.2.3.11", Rows: 7, Cols: 9, Orient: [6]float64{0.9848, 0.1736, 0, -0.1736, 0.9848, 0}, Origin: [3]float64{12, -7, -50},
			// Signed 16-bit storage. (With BitsStored 12, dcm2niix does not
			// sign-extend negative values where pydicom and we do; that case
			// is tested in volume/dicom.)
			RowSp: 1.1, ColSp: 0.7, Step: 3, N: 4, Signed: true, BitsStored: 16, Slope: 1, Inter: 0, Skip: -1,
			Value: func(i, j, k int) int { return i*3 - j + 20*k - 30 }},
	} {
		t.Run(name, func(t *testing.T) {
			src, ours, theirs := t.TempDir(), t.TempDir(), t.TempDir()
			s.Write(t, src)
			if code, _, errs := run("import-dicom", src, ours); code != 0 {
				t.Fatal(errs)
			}
			out, err := exec.Command(bin, "-z", "y", "-f", "img", "-o", theirs, src).CombinedOutput()
			if err != nil {
				t.Fatalf("dcm2niix: %v\n%s", err, out)
			}
			a, _, err := nifti.LoadImage(filepath.Join(ours, "image.nii.gz"), nil)
			if err != nil {
				t.Fatal(err)
			}
			b, _, err := nifti.LoadImage(filepath.Join(theirs, "img.nii.gz"), nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Dims != b.Dims {
				t.Fatalf("dims %v, dcm2niix %v", a.Dims, b.Dims)
			}
			for ax := 0; ax < 3; ax++ {
				if math.Abs(a.Spacing[ax]-b.Spacing[ax]) > 1e-3 {
					t.Errorf("spacing %v, dcm2niix %v", a.Spacing, b.Spacing)
				}
			}
			inv, _ := b.Affine.Inverse()
			for k := 0; k < a.Dims[2]; k++ {
				for j := 0; j < a.Dims[1]; j++ {
					for i := 0; i < a.Dims[0]; i++ {
						v := inv.Apply(a.World(float64(i), float64(j), float64(k)))
						bi, bj, bk := int(math.Round(v[0])), int(math.Round(v[1])), int(math.Round(v[2]))
						if math.Abs(v[0]-float64(bi)) > 1e-2 || math.Abs(v[1]-float64(bj)) > 1e-2 || math.Abs(v[2]-float64(bk)) > 1e-2 || !b.Contains(bi, bj, bk) {
							t.Fatalf("voxel (%d,%d,%d) lies at dcm2niix voxel %v", i, j, k, v)
						}
						if a.At(i, j, k) != b.At(bi, bj, bk) {
							t.Fatalf("voxel (%d,%d,%d): %d, dcm2niix %d", i, j, k, a.At(i, j, k), b.At(bi, bj, bk))
						}
					}
				}
			}
		})
	}
}

// TestPhantomThroughDICOM: the demo phantom's CT written as a DICOM
// series (as the screenshots' docs/mkdicom does) imports back as the same
// image: grid, affine and every voxel.
func TestPhantomThroughDICOM(t *testing.T) {
	p, err := assets.NewPhantom(assets.DemoConfig)
	if err != nil {
		t.Fatal(err)
	}
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "case_000")
	if err := dicomtest.FromImage(p.Image, "1.2.3.900").WriteFiles(src); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run("import-dicom", src, dst); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	im, _, err := nifti.LoadImage(filepath.Join(dst, "image.nii.gz"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := im.SameAs(p.Image.Grid, volume.DefaultTolerance); err != nil {
		t.Fatalf("grid: %v", err)
	}
	for i, v := range p.Image.Voxels {
		if im.Voxels[i] != v {
			t.Fatalf("voxel %d: %d HU, the phantom has %d", i, im.Voxels[i], v)
		}
	}
}
