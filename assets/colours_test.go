package assets

import (
	"math"
	"testing"
)

// Machado, Oliveira & Fernandes (2009) simulation matrices at severity 1,
// applied in linear RGB.
var cvd = map[string][3][3]float64{
	"protanopia":   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
	"deuteranopia": {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"tritanopia":   {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
	"normal":       {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
}

func linear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// lab converts linear RGB (after simulation) to CIELAB (D65).
func lab(l [3]float64) [3]float64 {
	x := 0.4124*l[0] + 0.3576*l[1] + 0.1805*l[2]
	y := 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	z := 0.0193*l[0] + 0.1192*l[1] + 0.9505*l[2]
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	fx, fy, fz := f(x/0.95047), f(y), f(z/1.08883)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

func simulate(c RGB, m [3][3]float64) [3]float64 {
	in := [3]float64{linear(c.R), linear(c.G), linear(c.B)}
	var out [3]float64
	for i := range out {
		out[i] = math.Max(0, math.Min(1, m[i][0]*in[0]+m[i][1]*in[1]+m[i][2]*in[2]))
	}
	return lab(out)
}

// TestColoursTellLabelsApart: every two labels of a map differ by at least
// ΔE*ab 15 for normal vision and each simulated colour-vision deficiency.
func TestColoursTellLabelsApart(t *testing.T) {
	for name, table := range map[string][]RGB{"regions": RegionColours[1:], "parts": PartColours[1:]} {
		for vision, m := range cvd {
			worst, wi, wj := math.Inf(1), 0, 0
			for i := range table {
				for j := i + 1; j < len(table); j++ {
					a, b := simulate(table[i], m), simulate(table[j], m)
					d := math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
					if d < worst {
						worst, wi, wj = d, i+1, j+1
					}
				}
			}
			if worst < 15 {
				t.Errorf("%s, %s: labels %d and %d differ by ΔE %.1f", name, vision, wi, wj, worst)
			}
		}
	}
}
