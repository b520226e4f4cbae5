package nifti

import (
	"fmt"
	"math"
	"strings"
)

// maxDeflateRatio bounds how many bytes a gzip stream can inflate to per
// compressed byte (deflate's limit is 1032:1).
const maxDeflateRatio = 1032

// validate checks the header fields the reader relies on and returns the
// voxel offset and the number of voxel bytes. limit is the largest number
// of bytes the file could possibly hold after decompression; nothing is
// allocated for a header that claims more.
func (h *Header) validate(limit int64) (offset, nbytes int64, err error) {
	nd := h.NDim()
	if nd < 1 || nd > 7 {
		return 0, 0, fmt.Errorf("dim[0] is %d, must be 1 to 7", nd)
	}
	nvox := int64(1)
	for a := 1; a <= nd; a++ {
		d := h.Dim[a]
		if d < 1 {
			return 0, 0, fmt.Errorf("dim[%d] is %d, must be at least 1", a, d)
		}
		if a > 3 && d != 1 {
			return 0, 0, fmt.Errorf("%d-D volume (dim[%d] = %d): only 3-D volumes are supported", nd, a, d)
		}
		if nvox > math.MaxInt64/d {
			return 0, 0, fmt.Errorf("dims %s overflow a voxel count", h.dimString())
		}
		nvox *= d
	}
	capv, err := MaxVoxels()
	if err != nil {
		return 0, 0, err
	}
	if nvox > capv {
		return 0, 0, fmt.Errorf("dims %s are %d voxels, more than the cap of %d voxels per image (set %s to raise it)",
			h.dimString(), nvox, capv, MaxVoxelsEnv)
	}
	if h.Datatype.Size() == 0 {
		if n := h.Datatype.String(); !strings.HasPrefix(n, "datatype ") {
			return 0, 0, fmt.Errorf("unsupported datatype %s (code %d)", n, int16(h.Datatype))
		}
		return 0, 0, fmt.Errorf("unknown datatype code %d", int16(h.Datatype))
	}
	for a := 1; a <= 3 && a <= nd; a++ {
		p := h.Pixdim[a]
		if p == 0 || math.IsNaN(p) || math.IsInf(p, 0) {
			return 0, 0, fmt.Errorf("pixdim[%d] is %g, voxel sizes must be non-zero and finite", a, p)
		}
	}
	if err := h.checkAffine(); err != nil {
		return 0, 0, err
	}
	esize := int64(h.Datatype.Size())
	if nvox > math.MaxInt64/esize {
		return 0, 0, fmt.Errorf("dims %s overflow a byte count", h.dimString())
	}
	nbytes = nvox * esize
	v := h.VoxOffset
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v != math.Trunc(v) || v > float64(limit) {
		return 0, 0, fmt.Errorf("vox_offset %g is not a byte offset inside the file (at most %d)", v, limit)
	}
	offset = int64(v)
	min := int64(h.size() + 4)
	if h.Magic == "ni1" {
		return 0, 0, fmt.Errorf("two-file NIfTI (.hdr/.img, magic \"ni1\") is not supported; convert it to .nii")
	}
	if offset == 0 {
		offset = min
	}
	if offset < min {
		return 0, 0, fmt.Errorf("vox_offset %d lies inside the header (at least %d)", offset, min)
	}
	if ext := offset - int64(h.size()); ext > MaxExtensionBytes {
		return 0, 0, fmt.Errorf("vox_offset %d puts %s of extensions before the voxels; at most %s are read",
			offset, byteSize(ext), byteSize(MaxExtensionBytes))
	}
	if nbytes > limit-offset {
		need, can := byteSize(nbytes), byteSize(max(limit-offset, 0))
		if need == can { // rounded alike: give the bytes
			need, can = fmt.Sprintf("%d bytes", nbytes), fmt.Sprintf("%d bytes", max(limit-offset, 0))
		}
		return 0, 0, fmt.Errorf("dims %s of %s need %s of voxel data but the file can hold at most %s",
			h.dimString(), h.Datatype, need, can)
	}
	if int64(int(nbytes)) != nbytes {
		return 0, 0, fmt.Errorf("dims %s are too large for this platform", h.dimString())
	}
	return offset, nbytes, nil
}

// checkScaling reports scaling that nibabel would refuse: a valid slope
// with an infinite or NaN intercept.
func (h *Header) checkScaling() error {
	s, i := h.SclSlope, h.SclInter
	if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return nil
	}
	if math.IsNaN(i) || math.IsInf(i, 0) {
		return fmt.Errorf("scl_slope %g with invalid scl_inter %g", s, i)
	}
	return nil
}

// Scaling returns the slope and intercept that turn stored values into
// real ones: (1, 0) when scl_slope is 0 or not finite, as in nibabel.
func (h *Header) Scaling() (slope, inter float64) {
	s := h.SclSlope
	if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return 1, 0
	}
	return s, h.SclInter
}

func (h *Header) dimString() string {
	s := ""
	for a := 1; a <= h.NDim() && a < 8; a++ {
		if a > 1 {
			s += "×"
		}
		s += fmt.Sprint(h.Dim[a])
	}
	return s
}

func byteSize(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	f, i := float64(n), 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f %s", f, units[i])
}

// checkAffine refuses a header whose chosen voxel-to-world transform (as
// Affine chooses it) holds NaN or infinity: no position in the file would
// mean anything.
func (h *Header) checkAffine() error {
	form := "sform (srow_x, srow_y, srow_z)"
	switch {
	case h.SformCode != 0:
	case h.QformCode != 0:
		form = "qform (quatern_b/c/d, qoffset_x/y/z)"
		// As nibabel (quaternions.fillpositive): b, c, d of a rotation
		// leave a non-negative w² = 1 − b² − c² − d², up to float32
		// rounding.
		b, c, d := h.Quatern[0], h.Quatern[1], h.Quatern[2]
		if q := b*b + c*c + d*d; q > 1+3*float64(math.Nextafter32(1, 2)-1) {
			return fmt.Errorf("quatern_b/c/d (%g, %g, %g) are not a rotation: their squares add up to %g, more than 1 (nibabel refuses it too: \"w2 should be positive\")", b, c, d, q)
		}
	default:
		return nil
	}
	m := h.Affine()
	for r := 0; r < 3; r++ {
		for c := 0; c < 4; c++ {
			if v := m[r][c]; math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("the %s holds %g: the file has no usable voxel-to-world transform", form, v)
			}
		}
	}
	return nil
}
