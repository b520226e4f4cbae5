package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/casework"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/volume"
)

// TestOpenShowsImageFirst: the model hands the CT over before the case
// is complete, the loading screen then shows it, and the case screen
// with its labels follows.
func TestOpenShowsImageFirst(t *testing.T) {
	ds, err := store.Open(demoSet(t))
	if err != nil {
		t.Fatal(err)
	}
	var early *volume.Image
	k, err := casework.Blind{}.Load(context.Background(), ds.Cases[1], nil, func(img *volume.Image) { early = img })
	if err != nil {
		t.Fatal(err)
	}
	if early == nil || early != k.Layers.Image || k.Layers.Regions == nil || k.Layers.Parts == nil {
		t.Fatalf("image handed over %v, same as the case's %v", early != nil, early == k.Layers.Image)
	}

	// A controller whose UI-thread calls note, after each, whether the
	// CT's preview is on screen with no case screen yet.
	a := test.NewTempApp(t)
	tr := &tester{t: t, loop: casework.NewLoop()}
	var c *Controller
	previews := 0
	c = newController(a, "test", func(f func()) {
		tr.loop.Do(func() {
			f()
			if c.preview != nil && c.Screen == nil {
				for _, o := range c.Window.Content().(*fyne.Container).Objects {
					if o == c.preview.content {
						previews++
					}
				}
			}
		})
	}, 0)
	tr.c = c
	testers[c] = tr
	t.Cleanup(func() {
		c.Work.Shutdown()
		tr.loop.Run(c.Work.Idle, settleGuard)
		delete(testers, c)
	})
	c.OpenPath(demoSet(t))
	tr.settle()
	c.OpenCase(1)
	tr.settle()
	if previews == 0 {
		t.Error("the CT was never shown before the case screen")
	}
	tr.settle()
	if c.Screen == nil || c.preview != nil || c.Screen.Case.ID != "case_001" || c.Screen.Case.Layers.Regions == nil {
		t.Fatalf("after loading: screen %v, preview %v", c.Screen != nil, c.preview != nil)
	}
}
