package metrics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/saros-review/saros-review/volume"
)

// The peer is scripts/surface_peer.py on Debian's python3-scipy: an
// independent implementation of DeepMind surface-distance's definitions.
// It uses the same surface discretisation (corner points of the pixel
// grid, marching-squares lengths), so the two agree to rounding: Dice,
// NSD and HD95 to 1e-9.
const peerTol = 1e-9

type peerScore struct {
	Map   string   `json:"map"`
	Label int      `json:"label"`
	Dice  float64  `json:"dice"`
	NSD   float64  `json:"nsd"`
	HD95  *float64 `json:"hd95"`
}

type peerCase struct {
	ID     string      `json:"id"`
	Labels []peerScore `json:"labels"`
	Slices []struct {
		Slice  int         `json:"slice"`
		Labels []peerScore `json:"labels"`
	} `json:"slices"`
}

// python is Debian's interpreter, the one python3-scipy installs into (a
// python3 earlier on PATH, from pyenv or a virtual environment, may lack
// it).
func python() string {
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return "python3"
}

// needPeer fails (never skips) when python3 with scipy is missing.
func needPeer(t *testing.T) {
	t.Helper()
	if out, err := exec.Command(python(), "-c", "import scipy.ndimage, numpy").CombinedOutput(); err != nil {
		t.Fatalf("the metrics peer needs python3-scipy (make deps installs it): %v\n%s", err, out)
	}
}

// runPeer writes the cases' maps as raw voxels, runs the peer on them and
// returns its cases.
func runPeer(t *testing.T, tol float64, ids []string, pairs [][2]Maps) []peerCase {
	t.Helper()
	dir := t.TempDir()
	type mapJob struct {
		Map     string     `json:"map"`
		A       string     `json:"a"`
		B       string     `json:"b"`
		Dims    [3]int     `json:"dims"`
		Spacing [2]float64 `json:"spacing"`
	}
	type caseJob struct {
		ID   string   `json:"id"`
		Maps []mapJob `json:"maps"`
	}
	job := struct {
		Tolerance float64   `json:"tolerance"`
		Cases     []caseJob `json:"cases"`
	}{Tolerance: tol}
	for i, p := range pairs {
		cj := caseJob{ID: ids[i]}
		for _, m := range []struct {
			name string
			a, b *volume.LabelMap
		}{{"regions", p[0].Regions, p[1].Regions}, {"parts", p[0].Parts, p[1].Parts}} {
			if m.a == nil {
				continue
			}
			mj := mapJob{Map: m.name, Dims: m.a.Dims, Spacing: [2]float64{m.a.Spacing[0], m.a.Spacing[1]}}
			mj.A = filepath.Join(dir, fmt.Sprintf("%d-%s-a.raw", i, m.name))
			mj.B = filepath.Join(dir, fmt.Sprintf("%d-%s-b.raw", i, m.name))
			if os.WriteFile(mj.A, m.a.Voxels, 0o644) != nil || os.WriteFile(mj.B, m.b.Voxels, 0o644) != nil {
				t.Fatal("write raw maps")
			}
			cj.Maps = append(cj.Maps, mj)
		}
		job.Cases = append(job.Cases, cj)
	}
	b, _ := json.Marshal(job)
	jobPath := filepath.Join(dir, "job.json")
	os.WriteFile(jobPath, b, 0o644)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(python(), "../scripts/surface_peer.py", jobPath)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("peer: %v\n%s", err, stderr.String())
	}
	var out struct{ Cases []peerCase }
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("peer output: %v", err)
	}
	return out.Cases
}

// agree compares our scores with the peer's, label by label.
func agree(t *testing.T, where string, ours []Score, peer []peerScore) {
	t.Helper()
	if len(ours) != len(peer) {
		t.Fatalf("%s: %d labels scored, the peer %d: %+v vs %+v", where, len(ours), len(peer), ours, peer)
	}
	for i, o := range ours {
		p := peer[i]
		hdOK := (p.HD95 == nil && math.IsInf(o.HD95, 1)) || (p.HD95 != nil && math.Abs(o.HD95-*p.HD95) <= peerTol*math.Max(1, *p.HD95))
		if o.Map != p.Map || int(o.Label) != p.Label || math.Abs(o.Dice-p.Dice) > peerTol || math.Abs(o.NSD-p.NSD) > peerTol || !hdOK {
			hd := "null"
			if p.HD95 != nil {
				hd = fmt.Sprint(*p.HD95)
			}
			t.Errorf("%s %s %d: dice %.12g nsd %.12g hd95 %.12g; peer dice %.12g nsd %.12g hd95 %s",
				where, o.Map, o.Label, o.Dice, o.NSD, o.HD95, p.Dice, p.NSD, hd)
		}
	}
}

func agreeCase(t *testing.T, id string, r *Result, p peerCase) {
	t.Helper()
	agree(t, id, r.Labels, p.Labels)
	if len(r.Slices) != len(p.Slices) {
		t.Fatalf("%s: %d slices, the peer %d", id, len(r.Slices), len(p.Slices))
	}
	for i, s := range r.Slices {
		if s.Slice != p.Slices[i].Slice {
			t.Fatalf("%s: slice %d, the peer %d", id, s.Slice, p.Slices[i].Slice)
		}
		agree(t, fmt.Sprintf("%s slice %d", id, s.Slice), s.Labels, p.Slices[i].Labels)
	}
}

// blobs paints random ellipses, rectangles and salt of labels 1..n on the
// annotated slices of m.
func blobs(m *volume.LabelMap, rnd *rand.Rand, n int) {
	nx, ny := m.Dims[0], m.Dims[1]
	for _, k := range m.AnnotatedSlices() {
		for e := 0; e < 6; e++ {
			v := uint8(1 + rnd.IntN(n))
			cx, cy := rnd.Float64()*float64(nx), rnd.Float64()*float64(ny)
			rx, ry := 1+rnd.Float64()*float64(nx)/3, 1+rnd.Float64()*float64(ny)/3
			for j := 0; j < ny; j++ {
				for i := 0; i < nx; i++ {
					dx, dy := (float64(i)-cx)/rx, (float64(j)-cy)/ry
					if dx*dx+dy*dy <= 1 {
						m.Set(i, j, k, v)
					}
				}
			}
		}
		for s := 0; s < 30; s++ { // specks and diagonal pairs (saddle cells)
			i, j := rnd.IntN(nx-1), rnd.IntN(ny-1)
			v := uint8(1 + rnd.IntN(n))
			m.Set(i, j, k, v)
			if s%3 == 0 {
				m.Set(i+1, j+1, k, v)
			}
		}
	}
}

// Generated shapes: the known answers of the shifted square hold in both
// implementations, and random shapes with anisotropic pixels, saddles,
// specks, labels in one reader only, slices annotated in one reader only
// and a mixed slice agree label by label, slice by slice.
func TestPeerOnGeneratedShapes(t *testing.T) {
	needPeer(t)
	var ids []string
	var pairs [][2]Maps
	var ours []*Result
	add := func(id string, a, b Maps, tol float64) {
		r, err := Compare(a, b, tol)
		if err != nil {
			t.Fatal(err)
		}
		ids, pairs, ours = append(ids, id), append(pairs, [2]Maps{a, b}), append(ours, r)
	}
	// Known answer: a 20×20 square moved 2 pixels along x at 1.25 mm:
	// Dice 0.9, NSD 1 at 3 mm, HD95 2.5 mm.
	sq := sparseMap(50, 40, 1, 1.25, 0.5, 0)
	sq2 := sq.Clone()
	rect(sq, 0, 10, 10, 29, 29, 3)
	rect(sq2, 0, 12, 10, 31, 29, 3)
	add("square", Maps{Regions: sq}, Maps{Regions: sq2}, 3)
	rnd := rand.New(rand.NewPCG(18, 1))
	for c := 0; c < 6; c++ {
		sx, sy := 0.5+rnd.Float64(), 0.5+rnd.Float64()
		if c == 0 {
			sx, sy = 1, 1 // integer distances: ties with the tolerance
		}
		nx, ny := 30+rnd.IntN(60), 30+rnd.IntN(60)
		ra := sparseMap(nx, ny, 16, sx, sy, 0, 5, 10, 15)
		rb := sparseMap(nx, ny, 16, sx, sy, 0, 5, 10, 12)
		pa := sparseMap(nx, ny, 16, sx, sy, 0, 5, 10, 15)
		pb := sparseMap(nx, ny, 16, sx, sy, 5, 10, 15)
		blobs(ra, rnd, 13)
		blobs(rb, rnd, 13)
		blobs(pa, rnd, 6)
		copy(pb.Voxels, pa.Voxels)
		clear(pb.Axial(0))
		for i := range pb.Voxels { // b's parts: a's, moved by one pixel
			if i+1 < len(pb.Voxels) && pb.Voxels[i] != 255 && pa.Voxels[i+1] != 255 {
				pb.Voxels[i] = pa.Voxels[i+1]
			}
		}
		for i := 0; i < nx*3; i++ { // a mixed slice in b
			rb.Voxels[i+10*nx*ny] = 255
		}
		add(fmt.Sprintf("random-%d", c), Maps{Regions: ra, Parts: pa}, Maps{Regions: rb, Parts: pb}, []float64{3, 1, 2.5}[c%3])
	}
	for _, tol := range []float64{3, 1, 2.5} {
		var pi []int
		for i := range pairs {
			if (i == 0 && tol == 3) || (i > 0 && []float64{3, 1, 2.5}[(i-1)%3] == tol) {
				pi = append(pi, i)
			}
		}
		var subIDs []string
		var sub [][2]Maps
		for _, i := range pi {
			subIDs, sub = append(subIDs, ids[i]), append(sub, pairs[i])
		}
		got := runPeer(t, tol, subIDs, sub)
		for n, i := range pi {
			agreeCase(t, ids[i], ours[i], got[n])
		}
	}
	s := find(t, ours[0].Labels, "regions", 3)
	if !near(s.Dice, 0.9) || s.NSD != 1 || !near(s.HD95, 2.5) {
		t.Fatalf("square: %+v", s)
	}
}
