package nifti

import (
	"fmt"
	"math"

	"github.com/saros-review/saros-review/volume"
)

// Affine returns the voxel-to-world RAS affine the way nibabel chooses it:
// the sform when sform_code is non-zero, else the qform when qform_code is
// non-zero, else the pixdim-only fallback centred on the volume with x
// flipped.
func (h *Header) Affine() volume.Mat4 {
	switch {
	case h.SformCode != 0:
		return h.SformAffine()
	case h.QformCode != 0:
		return h.QformAffine()
	}
	return h.BaseAffine()
}

// SformAffine is the affine stored in srow_x, srow_y, srow_z.
func (h *Header) SformAffine() volume.Mat4 {
	m := volume.Identity4
	for r := 0; r < 3; r++ {
		m[r] = h.Srow[r]
	}
	return m
}

// zooms returns |pixdim[1..3]|, with 1 for dimensions the file lacks.
func (h *Header) zooms() [3]float64 {
	z := [3]float64{1, 1, 1}
	for a := 0; a < 3; a++ {
		if a < h.NDim() {
			z[a] = math.Abs(h.Pixdim[a+1])
		}
	}
	return z
}

// QformAffine is the affine of the quaternion, pixdim and qoffset fields.
// qfac is −1 only when pixdim[0] is −1, as nibabel fixes any other value
// to 1; an over-long quaternion is normalised as nifti_clib does.
func (h *Header) QformAffine() volume.Mat4 {
	b, c, d := h.Quatern[0], h.Quatern[1], h.Quatern[2]
	a2 := 1 - (b*b + c*c + d*d)
	var a float64
	if a2 < 1e-7 {
		if n := math.Sqrt(b*b + c*c + d*d); n > 0 {
			b, c, d = b/n, c/n, d/n
		}
	} else {
		a = math.Sqrt(a2)
	}
	r := quatToMat(a, b, c, d)
	z := h.zooms()
	if h.Pixdim[0] == -1 {
		z[2] = -z[2]
	}
	m := volume.Identity4
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			m[i][j] = r[i][j] * z[j]
		}
		m[i][3] = h.QOffset[i]
	}
	return m
}

func quatToMat(w, x, y, z float64) [3][3]float64 {
	n := w*w + x*x + y*y + z*z
	if n < 2.220446049250313e-16 {
		return [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
	}
	s := 2 / n
	X, Y, Z := x*s, y*s, z*s
	wX, wY, wZ := w*X, w*Y, w*Z
	xX, xY, xZ := x*X, x*Y, x*Z
	yY, yZ, zZ := y*Y, y*Z, z*Z
	return [3][3]float64{
		{1 - (yY + zZ), xY - wZ, xZ + wY},
		{xY + wZ, 1 - (xX + zZ), yZ - wX},
		{xZ - wY, yZ + wX, 1 - (xX + yY)},
	}
}

// BaseAffine is nibabel's fallback when neither form is set: voxel sizes on
// the diagonal, x flipped, the volume centre at the world origin.
func (h *Header) BaseAffine() volume.Mat4 {
	z := h.zooms()
	z[0] = -z[0]
	m := volume.Identity4
	for a := 0; a < 3; a++ {
		n := 1.0
		if a < h.NDim() {
			n = float64(h.Dim[a+1])
		}
		m[a][a] = z[a]
		m[a][3] = -(n - 1) / 2 * z[a]
	}
	return m
}

// Grid returns the dims, voxel sizes and affine of the header.
func (h *Header) Grid() volume.Grid {
	var g volume.Grid
	for a := 0; a < 3; a++ {
		g.Dims[a] = 1
		if a < h.NDim() {
			g.Dims[a] = int(h.Dim[a+1])
		}
	}
	g.Spacing = h.zooms()
	g.Affine = h.Affine()
	return g
}

// SetGeometry stores the grid's dims, voxel sizes and affine in the header,
// as both sform and qform (code 1, scanner anatomical), the way SimpleITK
// writes them.
func (h *Header) SetGeometry(g volume.Grid) error {
	if err := g.Validate(); err != nil {
		return err
	}
	h.Dim = [8]int64{3, int64(g.Dims[0]), int64(g.Dims[1]), int64(g.Dims[2]), 1, 1, 1, 1}
	qfac, quat := matToQuat(g.Affine)
	h.Pixdim = [8]float64{qfac, g.Spacing[0], g.Spacing[1], g.Spacing[2], 0, 0, 0, 0}
	h.Quatern = quat
	for r := 0; r < 3; r++ {
		h.QOffset[r] = g.Affine[r][3]
		h.Srow[r] = g.Affine[r]
	}
	h.QformCode, h.SformCode = 1, 1
	return nil
}

// matToQuat returns qfac and the quaternion (b, c, d) of the rotation part
// of m, as nifti_mat44_to_quatern computes them (columns normalised; the
// matrix is assumed orthogonal).
func matToQuat(m volume.Mat4) (qfac float64, bcd [3]float64) {
	var r [3][3]float64
	for c := 0; c < 3; c++ {
		n := math.Sqrt(m[0][c]*m[0][c] + m[1][c]*m[1][c] + m[2][c]*m[2][c])
		if n == 0 {
			r[c][c] = 1
			continue
		}
		for i := 0; i < 3; i++ {
			r[i][c] = m[i][c] / n
		}
	}
	det := r[0][0]*(r[1][1]*r[2][2]-r[1][2]*r[2][1]) -
		r[0][1]*(r[1][0]*r[2][2]-r[1][2]*r[2][0]) +
		r[0][2]*(r[1][0]*r[2][1]-r[1][1]*r[2][0])
	qfac = 1
	if det < 0 {
		qfac = -1
		for i := 0; i < 3; i++ {
			r[i][2] = -r[i][2]
		}
	}
	var a, b, c, d float64
	if t := r[0][0] + r[1][1] + r[2][2] + 1; t > 0.5 {
		a = 0.5 * math.Sqrt(t)
		b = 0.25 * (r[2][1] - r[1][2]) / a
		c = 0.25 * (r[0][2] - r[2][0]) / a
		d = 0.25 * (r[1][0] - r[0][1]) / a
	} else {
		xd := 1 + r[0][0] - (r[1][1] + r[2][2])
		yd := 1 + r[1][1] - (r[0][0] + r[2][2])
		zd := 1 + r[2][2] - (r[0][0] + r[1][1])
		switch {
		case xd > 1:
			b = 0.5 * math.Sqrt(xd)
			c = 0.25 * (r[0][1] + r[1][0]) / b
			d = 0.25 * (r[0][2] + r[2][0]) / b
			a = 0.25 * (r[2][1] - r[1][2]) / b
		case yd > 1:
			c = 0.5 * math.Sqrt(yd)
			b = 0.25 * (r[0][1] + r[1][0]) / c
			d = 0.25 * (r[1][2] + r[2][1]) / c
			a = 0.25 * (r[0][2] - r[2][0]) / c
		default:
			d = 0.5 * math.Sqrt(zd)
			b = 0.25 * (r[0][2] + r[2][0]) / d
			c = 0.25 * (r[1][2] + r[2][1]) / d
			a = 0.25 * (r[1][0] - r[0][1]) / d
		}
		if a < 0 {
			b, c, d = -b, -c, -d
		}
	}
	return qfac, [3]float64{b, c, d}
}

// NewHeader returns a NIfTI-1 little-endian header for a volume of the
// grid and datatype, with millimetre units and no scaling.
func NewHeader(g volume.Grid, dt Datatype) (*Header, error) {
	if dt.Size() == 0 {
		return nil, fmt.Errorf("new header: unsupported %s", dt)
	}
	h := &Header{Version: 1, Magic: "n+1", Datatype: dt, Bitpix: int16(8 * dt.Size()),
		SclSlope: 1, XYZTUnits: 2 | 8, Regular: 'r', Extra: []byte{0, 0, 0, 0}}
	if err := h.SetGeometry(g); err != nil {
		return nil, fmt.Errorf("new header: %w", err)
	}
	return h, nil
}
