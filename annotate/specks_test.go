package annotate

import (
	"reflect"
	"syscall"
	"testing"
	"time"

	"github.com/saros-review/saros-review/internal/realct"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/qc"
)

// realSession opens the real head CT with its machine-like proposal
// (hundreds of specks; fails when invesalius-examples is missing).
func realSession(t testing.TB) *Session {
	im, r, p, err := realct.Clean()
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(im, r, p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// islands counts qc's island findings' components.
func islands(s *Session) int {
	n := 0
	for _, f := range qc.Check(&qc.Input{Image: s.Image, Regions: s.Maps[0], Parts: s.Maps[1]}, nil) {
		if f.Rule == qc.RuleIsland {
			n += f.Count
		}
	}
	return n
}

// TestCleanSpecksReal: on the real proposal the preview changes nothing and
// predicts the clean exactly; the clean removes every island qc finds,
// keeps both maps' foreground identical, and is one undo step that undoes
// and redoes exactly (the property test of session_test.go).
func TestCleanSpecksReal(t *testing.T) {
	s := realSession(t)
	before := snapshot(s)
	if islands(s) < 100 {
		t.Fatalf("only %d islands on the real proposal", islands(s))
	}
	pre, err := s.PreviewSpecks(SpeckOptions{})
	if err != nil || !same(s, before) {
		t.Fatalf("preview changed the maps (err %v)", err)
	}
	if u, _ := s.History.Len(); u != 0 || s.Dirty() {
		t.Fatal("preview left an undo step")
	}
	got, err := s.CleanSpecks(SpeckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, pre) || len(got.Specks) != got.Components || got.Components < 100 || got.Slices < 15 || got.AreaMM2 <= 0 {
		t.Fatalf("clean %+v, preview %+v", got, pre)
	}
	t.Logf("%d specks, %.1f mm², %d voxels on %d slices", got.Components, got.AreaMM2, got.Voxels, got.Slices)
	if n := islands(s); n != 0 {
		t.Errorf("%d islands left after the clean", n)
	}
	foregroundAgrees(t, s)
	after := snapshot(s)
	if u, _ := s.History.Len(); u != 1 || s.History.UndoName() != "clean specks on 22 slices" {
		t.Fatalf("%d undo steps named %q", u, s.History.UndoName())
	}
	for round := 0; round < 2; round++ {
		if _, err := s.Undo(); err != nil || !same(s, before) {
			t.Fatalf("undo did not restore the proposal (%v)", err)
		}
		if _, err := s.Redo(); err != nil || !same(s, after) {
			t.Fatalf("redo did not restore the clean (%v)", err)
		}
	}
}

// TestCleanSpecksSizes: a 1-voxel speck goes while a 30 mm² island of the
// same label stays; the speck takes the label around it.
func TestCleanSpecksSizes(t *testing.T) {
	s := testCase(t) // 1 × 1.5 mm pixels
	r := s.Maps[MapRegions]
	r.Set(12, 9, 5, labels.RegionBones) // 1 voxel in muscle
	for j := 30; j < 34; j++ {          // 4×5 voxels = 30 mm² inside the cavity
		for i := 16; i < 21; i++ {
			r.Set(i, j, 5, labels.RegionBones)
		}
	}
	if _, err := s.CleanSpecks(SpeckOptions{Slices: []int{5}}); err != nil {
		t.Fatal(err)
	}
	if v := r.At(12, 9, 5); v != labels.RegionMuscle {
		t.Errorf("the 1-voxel speck is %d, want muscle", v)
	}
	for j := 30; j < 34; j++ {
		for i := 16; i < 21; i++ {
			if r.At(i, j, 5) != labels.RegionBones {
				t.Fatalf("the 30 mm² island lost (%d, %d)", i, j)
			}
		}
	}
	// The 2-voxel bone speck (3 mm²) of the test case went too.
	if r.At(24, 22, 5) != labels.RegionAbdominalCavity {
		t.Errorf("the 2-voxel speck is %d", r.At(24, 22, 5))
	}
	foregroundAgrees(t, s)
}

// TestCleanSpecksMaps: a speck of body in the air goes from both maps; a
// hole in the body is filled in both maps (region and part from around
// it); a part speck takes the part around it.
func TestCleanSpecksMaps(t *testing.T) {
	s := testCase(t)
	r, p := s.Maps[MapRegions], s.Maps[MapParts]
	r.Set(45, 5, 5, labels.RegionMuscle) // body speck in the air
	p.Set(45, 5, 5, labels.PartTorso)
	r.Set(20, 10, 5, 0) // hole in the muscle of the torso
	p.Set(20, 10, 5, 0)
	p.Set(30, 30, 5, labels.PartLeftLeg) // part speck in the torso
	foregroundAgrees(t, s)
	res, err := s.CleanSpecks(SpeckOptions{Slices: []int{5}})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := r.At(45, 5, 5), p.At(45, 5, 5); a != 0 || b != 0 {
		t.Errorf("speck in the air: region %d part %d", a, b)
	}
	if a, b := r.At(20, 10, 5), p.At(20, 10, 5); a != labels.RegionMuscle || b != labels.PartTorso {
		t.Errorf("hole: region %d part %d", a, b)
	}
	if b := p.At(30, 30, 5); b != labels.PartTorso {
		t.Errorf("part speck: %d", b)
	}
	if res.Components != 4 || res.Slices != 1 {
		t.Errorf("result %+v, want 4 specks (with the test case's bone speck) on 1 slice", res)
	}
	foregroundAgrees(t, s)
}

// TestCleanSpecksProtection: locked labels and the paint-over mode of the
// edited map keep their specks whole; read-only and not-annotated slices
// refuse.
func TestCleanSpecksProtection(t *testing.T) {
	s := testCase(t)
	r := s.Maps[MapRegions]
	r.Set(12, 9, 5, labels.RegionBones)
	r.Set(22, 30, 5, labels.RegionMuscle) // muscle speck in the cavity
	before := snapshot(s)
	s.Locked[MapRegions][labels.RegionBones] = true
	if _, err := s.CleanSpecks(SpeckOptions{Slices: []int{5}}); err != nil {
		t.Fatal(err)
	}
	if r.At(12, 9, 5) != labels.RegionBones || r.At(24, 22, 5) != labels.RegionBones {
		t.Error("a locked bone speck changed")
	}
	if r.At(22, 30, 5) != labels.RegionAbdominalCavity {
		t.Error("the unlocked muscle speck stayed")
	}
	s.Undo()
	if !same(s, before) {
		t.Fatal("undo")
	}
	s.Locked[MapRegions][labels.RegionBones] = false
	s.Protect = Protection{Mode: OverLabel, Label: labels.RegionMuscle}
	if _, err := s.CleanSpecks(SpeckOptions{Slices: []int{5}, Edited: MapRegions}); err != nil {
		t.Fatal(err)
	}
	if r.At(12, 9, 5) != labels.RegionBones || r.At(22, 30, 5) != labels.RegionAbdominalCavity {
		t.Error("paint over muscle only: the bone speck must stay, the muscle speck go")
	}
	// A lock in the parts map keeps a region speck in the air whose part
	// would have to change.
	s.Undo()
	s.Protect = Protection{}
	r.Set(45, 5, 5, labels.RegionMuscle)
	s.Maps[MapParts].Set(45, 5, 5, labels.PartTorso)
	s.Locked[MapParts][labels.PartTorso] = true
	s.CleanSpecks(SpeckOptions{Slices: []int{5}})
	if r.At(45, 5, 5) != labels.RegionMuscle {
		t.Error("a speck whose part is locked was cleared")
	}
	foregroundAgrees(t, s)
	if _, err := s.CleanSpecks(SpeckOptions{Slices: []int{3}}); err == nil {
		t.Error("a not-annotated slice was cleaned")
	}
	s.ReadOnly = true
	if _, err := s.CleanSpecks(SpeckOptions{}); err == nil {
		t.Error("read-only session cleaned")
	}
}

// BenchmarkCleanSpecks512: Clean specks over all 22 annotated slices of a
// 512×512×110 case with real CT texture (the head CT tiled) and its
// machine-like proposal, applied as one undo step.
func BenchmarkCleanSpecks512(b *testing.B) {
	im, err := realct.Large()
	if err != nil {
		b.Fatal(err)
	}
	r, p := realct.Propose(im, 1)
	r0, p0 := append([]uint8(nil), r.Voxels...), append([]uint8(nil), p.Voxels...)
	s, err := NewSession(im, r, p)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		copy(r.Voxels, r0)
		copy(p.Voxels, p0)
		s.History = History{Budget: DefaultUndoBudget}
		c0 := cpuTime()
		b.StartTimer()
		res, err := s.CleanSpecks(SpeckOptions{})
		b.StopTimer()
		cpu += cpuTime() - c0
		b.StartTimer()
		if err != nil || res.Components == 0 {
			b.Fatal(res, err)
		}
	}
	// CPU time per clean: the same figure on a machine others share
	// (wall time there waits for the CPU).
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the user and system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
