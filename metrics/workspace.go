package metrics

import "encoding/binary"

// workspace holds the buffers of one goroutine's comparisons.
type workspace struct {
	ptsA, ptsB          [256][]point
	zero, clean         []uint8
	index               columnIndex
	feat                []bool
	dist                []float64
	scratch             EDTScratch
	histA, histB, inter [256]int
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// census counts each label's voxels in a and b and the voxels where they
// agree, eight at a time where both hold one label.
func (ws *workspace) census(a, b []uint8) {
	clear(ws.histA[:])
	clear(ws.histB[:])
	clear(ws.inter[:])
	i := 0
	for ; i+8 <= len(a); i += 8 {
		wa := binary.LittleEndian.Uint64(a[i:])
		if wa == binary.LittleEndian.Uint64(b[i:]) && wa == uint64(a[i])*ones {
			ws.histA[a[i]] += 8
			ws.histB[a[i]] += 8
			ws.inter[a[i]] += 8
			continue
		}
		for j := i; j < i+8; j++ {
			ws.count(a[j], b[j])
		}
	}
	for ; i < len(a); i++ {
		ws.count(a[i], b[i])
	}
}

func (ws *workspace) count(va, vb uint8) {
	ws.histA[va]++
	ws.histB[vb]++
	if va == vb {
		ws.inter[va]++
	}
}

// withoutNotAnnotated returns s, or a copy of it with 255 turned into
// background when it holds any (a mixed slice): 255 is never a label.
func (ws *workspace) withoutNotAnnotated(s []uint8, mixed bool, into *[]uint8) []uint8 {
	if !mixed {
		return s
	}
	*into = grow(*into, len(s))
	for i, v := range s {
		if v == 255 {
			v = 0
		}
		(*into)[i] = v
	}
	return *into
}
