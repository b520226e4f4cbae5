package annotate

import (
	"testing"
	"time"
)

// TestJumpSlice: Page Up/Down go from annotated slice to annotated slice
// by the stride, stop at grid slices not yet annotated and at partly
// labelled ones, step from anywhere between, and stay at the ends.
func TestJumpSlice(t *testing.T) {
	//            0    5    10   15   20   25
	st := states("..#....#.m..#.........#....")
	g := InferSliceGrid(st)
	if g.Stride != 5 || g.First != 2 {
		t.Fatalf("grid %+v", g)
	}
	for _, c := range []struct{ k, dir, want int }{
		{2, 1, 7}, {7, 1, 9}, {9, 1, 12}, {12, 1, 17}, {17, 1, 22}, {22, 1, 22}, // 17: grid slice, not annotated
		{22, -1, 17}, {7, -1, 2}, {2, -1, 2}, {0, 1, 2}, {4, 1, 7}, {4, -1, 2}, {26, -1, 22}, {5, 3, 7},
	} {
		if got := JumpSlice(st, g, c.k, c.dir); got != c.want {
			t.Errorf("from %d by %+d: %d, want %d", c.k, c.dir, got, c.want)
		}
	}
	dense := states("############")
	if got := JumpSlice(dense, InferSliceGrid(dense), 3, 1); got != 3+DefaultStride {
		t.Errorf("dense map: %d", got)
	}
	empty := states("........")
	if got := JumpSlice(empty, InferSliceGrid(empty), 6, 1); got != 7 {
		t.Errorf("empty map near the end: %d", got)
	}
	if got := JumpSlice(empty, InferSliceGrid(empty), 6, -1); got != 1 {
		t.Errorf("empty map down: %d", got)
	}
}

// TestWheel: slow notches move one slice each, the modifier five; quick
// notches in one direction speed up to eight slices a notch, and a pause
// or a turn back starts slowly again. A 600-slice case is crossed in
// under a hundred quick notches.
func TestWheel(t *testing.T) {
	var w Wheel
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	for i := 0; i < 10; i++ { // one notch every 200 ms: no speed-up
		if s := w.Step(25, at(200*i), false); s != 1 {
			t.Fatalf("slow notch %d moved %d", i, s)
		}
	}
	if s := w.Step(-25, at(5000), true); s != -5 {
		t.Errorf("fast notch down: %d", s)
	}
	w.Reset()
	var got []int
	for i := 0; i < 16; i++ {
		got = append(got, w.Step(-2.5, at(10000+30*i), false))
	}
	want := []int{-1, -1, -1, -1, -2, -2, -2, -2, -4, -4, -4, -4, -8, -8, -8, -8}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("quick notches %v, want %v", got, want)
		}
	}
	if s := w.Step(25, at(10000+30*16), false); s != 1 {
		t.Errorf("turning back: %d", s)
	}
	if s := w.Step(25, at(20000), false); s != 1 {
		t.Errorf("after a pause: %d", s)
	}
	w.Reset()
	k, notches := 0, 0
	for ; k < 599; notches++ {
		k += w.Step(25, at(30000+30*notches), false)
	}
	if notches >= 100 {
		t.Errorf("%d quick notches to cross 600 slices", notches)
	}
	if w.Step(0, at(40000), true) != 0 {
		t.Error("a zero delta moved")
	}
}
