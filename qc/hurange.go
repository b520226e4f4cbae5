package qc

import "unsafe"

// huCount counts voxels below −1024 and above 3071 HU. A value v is in
// range exactly when v + 1024 (mod 2¹⁶) < 4096, i.e. has none of the top
// four bits; four values at a time are tested that way in one 64-bit word
// (two lanes of 16 bits in 32-bit slots, so no carry crosses a lane), and
// only words holding an outlier are counted one by one.
func huCount(v []int16) (low, high int) {
	n := len(v) / 4
	if n > 0 {
		words := unsafe.Slice((*uint64)(unsafe.Pointer(&v[0])), n)
		const lanes, bias, top = 0x0000FFFF0000FFFF, 0x0000040000000400, 0x0000F0000000F000
		for w, x := range words {
			if (((x&lanes)+bias)|((x>>16&lanes)+bias))&top != 0 {
				l, h := huCountSlow(v[4*w : 4*w+4])
				low, high = low+l, high+h
			}
		}
	}
	l, h := huCountSlow(v[4*n:])
	return low + l, high + h
}

func huCountSlow(v []int16) (low, high int) {
	for _, x := range v {
		if x < -1024 {
			low++
		} else if x > 3071 {
			high++
		}
	}
	return low, high
}
