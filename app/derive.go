package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"github.com/saros-review/saros-review/viewer"
)

// deriveParts proposes body parts from the regions for the cursor's slice
// (or every annotated slice), shows them in place of the parts map, and
// applies them as one undo step if the user agrees.
func (c *Controller) deriveParts(all bool) {
	if c.Screen == nil || c.Screen.Editor == nil || c.Work.ReadOnly {
		return
	}
	s := c.Screen
	if all {
		// Every slice takes a while: derived in the background, the
		// window painting meanwhile.
		c.Work.DeriveAllParts(context.Background(), func(p map[int][]uint8, err error) {
			if err != nil {
				s.Editor.message("Cannot derive parts: " + err.Error())
				return
			}
			if c.Screen == s {
				c.offerParts(p, "all annotated slices")
			}
		})
		return
	}
	k := s.Scene.Cursor()[2]
	p, err := s.Editor.Session.DeriveParts(k)
	if err != nil {
		s.Editor.message("Cannot derive parts: " + err.Error())
		return
	}
	c.offerParts(map[int][]uint8{k: p}, fmt.Sprintf("slice %d", k))
}

// offerParts shows proposed parts in place of the parts map and applies
// them as one undo step if the user agrees.
func (c *Controller) offerParts(proposal map[int][]uint8, what string) {
	s := c.Screen
	sess := s.Editor.Session
	// Preview: a copy of the parts map with the proposal, shown filled.
	preview := sess.Maps[1].Clone()
	per := sess.Image.Dims[0] * sess.Image.Dims[1]
	for k, vals := range proposal {
		copy(preview.Voxels[k*per:(k+1)*per], vals)
	}
	l, st := s.Scene.Layers(), s.Scene.Style()
	shown := l
	shown.Parts = preview
	s.Scene.SetLayers(shown)
	s.Scene.UpdateStyle(func(now *viewer.Style) { now.Parts.Show, now.Parts.Outline = true, false })
	restore := func() {
		s.Scene.SetLayers(l)
		s.Scene.UpdateStyle(func(now *viewer.Style) { now.Parts.Show, now.Parts.Outline = st.Parts.Show, st.Parts.Outline })
	}
	dialog.ShowConfirm("Derived body parts",
		fmt.Sprintf("The views show body parts derived from the regions for %s.\nApply them? (One undo step.)", what),
		func(yes bool) {
			restore()
			if !yes {
				return
			}
			n, err := sess.ApplyParts("derive parts: "+what, proposal)
			if err != nil {
				c.showError(err)
				return
			}
			s.Editor.message(fmt.Sprintf("derived parts for %s: %d voxels changed", what, n))
			s.Editor.changed()
		}, c.Window)
}
