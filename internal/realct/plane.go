package realct

// plane is the 2D morphology the proposal generator needs on one axial
// slice of nx×ny voxels (row by row).
type plane struct{ nx, ny int }

// label finds the 8-connected components of mask; it returns each voxel's
// component (−1 outside the mask) and each component's size.
func (p plane) label(mask []bool) (lab []int32, sizes []int) {
	return p.components(mask, true)
}

// components labels mask with 8- or 4-connectivity by flood fill.
func (p plane) components(mask []bool, eight bool) (lab []int32, sizes []int) {
	lab = make([]int32, len(mask))
	for i := range lab {
		lab[i] = -1
	}
	stack := make([]int32, 0, 1024)
	for s, in := range mask {
		if !in || lab[s] >= 0 {
			continue
		}
		id := int32(len(sizes))
		n := 0
		lab[s] = id
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			v := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			n++
			x, y := v%p.nx, v/p.nx
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if dx == 0 && dy == 0 || !eight && dx != 0 && dy != 0 {
						continue
					}
					xx, yy := x+dx, y+dy
					if xx < 0 || yy < 0 || xx >= p.nx || yy >= p.ny {
						continue
					}
					q := yy*p.nx + xx
					if mask[q] && lab[q] < 0 {
						lab[q] = id
						stack = append(stack, int32(q))
					}
				}
			}
		}
		sizes = append(sizes, n)
	}
	return lab, sizes
}

// fillHoles sets every part of the background that does not reach the
// edge of the slice (4-connected background, the dual of 8-connected
// foreground).
func (p plane) fillHoles(mask []bool) []bool {
	bg := make([]bool, len(mask))
	for i, v := range mask {
		bg[i] = !v
	}
	lab, sizes := p.components(bg, false)
	edge := make([]bool, len(sizes))
	for x := 0; x < p.nx; x++ {
		for _, y := range []int{0, p.ny - 1} {
			if l := lab[y*p.nx+x]; l >= 0 {
				edge[l] = true
			}
		}
	}
	for y := 0; y < p.ny; y++ {
		for _, x := range []int{0, p.nx - 1} {
			if l := lab[y*p.nx+x]; l >= 0 {
				edge[l] = true
			}
		}
	}
	out := make([]bool, len(mask))
	for i := range mask {
		out[i] = mask[i] || lab[i] >= 0 && !edge[lab[i]]
	}
	return out
}

// morph dilates (grow) or erodes a mask by a 3×3 square.
func (p plane) morph(mask []bool, grow bool) []bool {
	out := make([]bool, len(mask))
	for y := 0; y < p.ny; y++ {
		for x := 0; x < p.nx; x++ {
			hit := !grow
			for dy := -1; dy <= 1 && hit != grow; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					v := false
					if xx >= 0 && yy >= 0 && xx < p.nx && yy < p.ny {
						v = mask[yy*p.nx+xx]
					}
					if v == grow {
						hit = grow
						break
					}
				}
			}
			out[y*p.nx+x] = hit
		}
	}
	return out
}

// close dilates then erodes n times; open erodes then dilates.
func (p plane) close(mask []bool, n int) []bool {
	for i := 0; i < n; i++ {
		mask = p.morph(mask, true)
	}
	for i := 0; i < n; i++ {
		mask = p.morph(mask, false)
	}
	return mask
}

// mode replaces each body voxel's label by the most common label of its
// 3×3 neighbourhood among body voxels (ties keep the voxel's own label):
// the smoothness of a model's output.
func (p plane) mode(vals []uint8, body []bool) []uint8 {
	out := append([]uint8(nil), vals...)
	var count [256]int
	for y := 0; y < p.ny; y++ {
		for x := 0; x < p.nx; x++ {
			i := y*p.nx + x
			if !body[i] {
				continue
			}
			var seen [9]uint8
			n := 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					if xx < 0 || yy < 0 || xx >= p.nx || yy >= p.ny || !body[yy*p.nx+xx] {
						continue
					}
					v := vals[yy*p.nx+xx]
					if count[v] == 0 {
						seen[n] = v
						n++
					}
					count[v]++
				}
			}
			best := vals[i]
			for _, v := range seen[:n] {
				if count[v] > count[best] {
					best = v
				}
			}
			for _, v := range seen[:n] {
				count[v] = 0
			}
			out[i] = best
		}
	}
	return out
}
