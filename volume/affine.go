package volume

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Mat4 is a 4×4 homogeneous matrix, row-major: m[row][col].
type Mat4 [4][4]float64

// Identity4 is the 4×4 identity matrix.
var Identity4 = Mat4{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}

// Apply maps the point p through the affine.
func (m Mat4) Apply(p [3]float64) [3]float64 {
	var r [3]float64
	for row := 0; row < 3; row++ {
		r[row] = m[row][0]*p[0] + m[row][1]*p[1] + m[row][2]*p[2] + m[row][3]
	}
	return r
}

// Mul returns m·o.
func (m Mat4) Mul(o Mat4) Mat4 {
	var r Mat4
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			var s float64
			for k := 0; k < 4; k++ {
				s += m[i][k] * o[k][j]
			}
			r[i][j] = s
		}
	}
	return r
}

// ErrSingular is returned when an affine cannot be inverted.
var ErrSingular = errors.New("affine is singular (voxel axes do not span space)")

// Inverse returns the inverse of an affine whose last row is (0 0 0 1).
func (m Mat4) Inverse() (Mat4, error) {
	a := [3][3]float64{
		{m[0][0], m[0][1], m[0][2]},
		{m[1][0], m[1][1], m[1][2]},
		{m[2][0], m[2][1], m[2][2]},
	}
	det := a[0][0]*(a[1][1]*a[2][2]-a[1][2]*a[2][1]) -
		a[0][1]*(a[1][0]*a[2][2]-a[1][2]*a[2][0]) +
		a[0][2]*(a[1][0]*a[2][1]-a[1][1]*a[2][0])
	if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
		return Mat4{}, ErrSingular
	}
	var inv [3][3]float64
	inv[0][0] = (a[1][1]*a[2][2] - a[1][2]*a[2][1]) / det
	inv[0][1] = (a[0][2]*a[2][1] - a[0][1]*a[2][2]) / det
	inv[0][2] = (a[0][1]*a[1][2] - a[0][2]*a[1][1]) / det
	inv[1][0] = (a[1][2]*a[2][0] - a[1][0]*a[2][2]) / det
	inv[1][1] = (a[0][0]*a[2][2] - a[0][2]*a[2][0]) / det
	inv[1][2] = (a[0][2]*a[1][0] - a[0][0]*a[1][2]) / det
	inv[2][0] = (a[1][0]*a[2][1] - a[1][1]*a[2][0]) / det
	inv[2][1] = (a[0][1]*a[2][0] - a[0][0]*a[2][1]) / det
	inv[2][2] = (a[0][0]*a[1][1] - a[0][1]*a[1][0]) / det
	var r Mat4
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			r[i][j] = inv[i][j]
		}
		r[i][3] = -(inv[i][0]*m[0][3] + inv[i][1]*m[1][3] + inv[i][2]*m[2][3])
	}
	r[3][3] = 1
	return r, nil
}

// Orientation gives, for each array axis, the world axis it runs along most
// (0 = x, 1 = y, 2 = z) and the sign (+1 or −1); -1 axis when undetermined.
// It is nibabel's io_orientation: the closest shear-free rotation by polar
// decomposition, then a greedy choice of the largest remaining component.
func Orientation(m Mat4) [3][2]int {
	rzs := mat.NewDense(3, 3, nil)
	for r := 0; r < 3; r++ {
		for c := 0; c < 3; c++ {
			rzs.Set(r, c, m[r][c])
		}
	}
	for c := 0; c < 3; c++ {
		n := math.Sqrt(m[0][c]*m[0][c] + m[1][c]*m[1][c] + m[2][c]*m[2][c])
		if n == 0 {
			n = 1
		}
		for r := 0; r < 3; r++ {
			rzs.Set(r, c, rzs.At(r, c)/n)
		}
	}
	var out [3][2]int
	for i := range out {
		out[i] = [2]int{-1, 0}
	}
	var svd mat.SVD
	if !svd.Factorize(rzs, mat.SVDThin) {
		return out
	}
	var p, q mat.Dense
	svd.UTo(&p)
	svd.VTo(&q)
	s := svd.Values(nil)
	tol := 0.0
	for _, v := range s {
		tol = math.Max(tol, v)
	}
	tol *= 3 * 2.220446049250313e-16
	var r [3][3]float64
	for k := 0; k < 3; k++ {
		if s[k] <= tol {
			continue
		}
		for i := 0; i < 3; i++ {
			for j := 0; j < 3; j++ {
				r[i][j] += p.At(i, k) * q.At(j, k)
			}
		}
	}
	for in := 0; in < 3; in++ {
		best, bestAbs, allZero := -1, 0.0, true
		for o := 0; o < 3; o++ {
			v := math.Abs(r[o][in])
			if v > 1e-8 {
				allZero = false
			}
			if v > bestAbs {
				best, bestAbs = o, v
			}
		}
		if allZero || best < 0 {
			continue
		}
		sign := 1
		if r[best][in] < 0 {
			sign = -1
		}
		out[in] = [2]int{best, sign}
		for c := 0; c < 3; c++ {
			r[best][c] = 0
		}
	}
	return out
}

// AxCodes returns nibabel's aff2axcodes for the affine: one letter per array
// axis naming the world direction it points to (L/R, P/A, I/S), "?" where
// undetermined.
func AxCodes(m Mat4) string {
	labels := [3][2]byte{{'L', 'R'}, {'P', 'A'}, {'I', 'S'}}
	o := Orientation(m)
	b := make([]byte, 3)
	for i, v := range o {
		switch {
		case v[0] < 0:
			b[i] = '?'
		case v[1] > 0:
			b[i] = labels[v[0]][1]
		default:
			b[i] = labels[v[0]][0]
		}
	}
	return string(b)
}
