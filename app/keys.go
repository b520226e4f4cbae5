package app

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// binding is one line of the key table: what the help overlay shows, and
// the keys that run act. Mouse actions, which the views handle, have no
// keys. act reports whether it did something; when it did not, the next
// binding of the same key is tried.
type binding struct {
	keys, does string
	runes      []rune          // character keys, lower case
	names      []fyne.KeyName  // named keys
	shortcuts  []fyne.Shortcut // keys with Ctrl
	act        func(c *Controller, k key) bool
}

// key is a key press: a character or a named key.
type key struct {
	r    rune
	name fyne.KeyName
}

func ctrl(k fyne.KeyName, more fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl | more}
}

// onScreen runs f on the case screen, when one is shown.
func onScreen(f func(s *CaseScreen)) func(c *Controller, k key) bool {
	return func(c *Controller, _ key) bool {
		if c.Screen == nil {
			return false
		}
		f(c.Screen)
		return true
	}
}

// bindings is the key table: the help overlay lists it in this order and
// the window's key handlers dispatch through it.
var bindings []binding

func init() { bindings = keyTable() }

// keyTable makes the key table (a function: its handlers refer to the
// help overlay, which reads the table).
func keyTable() []binding {
	return []binding{
		{keys: "Mouse wheel", does: "previous / next slice of the view under the pointer; quick turns speed up"},
		{keys: "Shift + wheel", does: "five slices a notch"},
		{keys: "Ctrl + wheel", does: "zoom about the pointer"},
		{keys: "Click, drag", does: "move the cursor (all views follow)"},
		{keys: "Middle drag, Space + drag", does: "pan"},
		{keys: "Right drag", does: "window (left/right) and level (up/down)"},
		{keys: "Page Up / Page Down", does: "next / previous annotation stride: axial to the next annotated or grid slice, other views 5 slices",
			names: []fyne.KeyName{fyne.KeyPageUp, fyne.KeyPageDown},
			act: func(c *Controller, k key) bool {
				return onScreen(func(s *CaseScreen) { s.pageSlice(map[bool]int{true: 1, false: -1}[k.name == fyne.KeyPageUp]) })(c, k)
			}},
		{keys: "Arrow keys", does: "move the cursor in the view", names: []fyne.KeyName{fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown},
			act: func(c *Controller, k key) bool {
				d := map[fyne.KeyName][2]int{fyne.KeyLeft: {-1, 0}, fyne.KeyRight: {1, 0}, fyne.KeyUp: {0, -1}, fyne.KeyDown: {0, 1}}[k.name]
				return onScreen(func(s *CaseScreen) { s.Scene.Active().MoveInPlane(d[0], d[1]) })(c, k)
			}},
		{keys: "[ and ]", does: "previous / next annotated axial slice", runes: []rune{'[', ']'},
			act: func(c *Controller, k key) bool {
				return onScreen(func(s *CaseScreen) { s.Scene.StepAnnotated(map[bool]int{true: 1, false: -1}[k.r == ']']) })(c, k)
			}},
		{keys: "1 to 5", does: "window: soft tissue, abdomen, lung, bone, brain", runes: []rune("12345"),
			act: func(c *Controller, k key) bool {
				return onScreen(func(s *CaseScreen) { s.Scene.SetPreset(int(k.r - '1')) })(c, k)
			}},
		{keys: "S", does: "label overlays on / off", runes: []rune{'s'}, act: onScreen(func(s *CaseScreen) { s.Scene.ToggleOverlay() })},
		{keys: "A / D", does: "overlay opacity down / up", runes: []rune{'a', 'd'},
			act: func(c *Controller, k key) bool {
				return onScreen(func(s *CaseScreen) { s.Scene.AdjustOpacity(map[bool]float64{true: 0.1, false: -0.1}[k.r == 'd']) })(c, k)
			}},
		{keys: "O", does: "regions as outline / filled", runes: []rune{'o'}, act: onScreen(func(s *CaseScreen) { s.Scene.ToggleOutline() })},
		{keys: "C", does: "crosshairs on / off", runes: []rune{'c'}, act: onScreen(func(s *CaseScreen) { s.Scene.ToggleCrosshair() })},
		{keys: "Home", does: "fit every view to its pane", names: []fyne.KeyName{fyne.KeyHome}, act: onScreen(func(s *CaseScreen) { s.Scene.FitAll() })},
		{keys: "F", does: "flag the slice at the cursor (category, comment); see the Flags tab", runes: []rune{'f'},
			act: func(c *Controller, k key) bool { return onScreen(func(s *CaseScreen) { c.dialogs.flag(s) })(c, k) }},
		{keys: "L", does: "next layout (main + 2, three in a row, single)", runes: []rune{'l'},
			act: onScreen(func(s *CaseScreen) { m, main := s.Layout(); s.SetLayout((m+1)%3, main) })},
		{keys: "M", does: "make the active view the main view", runes: []rune{'m'},
			act: onScreen(func(s *CaseScreen) { m, _ := s.Layout(); s.SetLayout(m, s.Scene.Active().View()) })},
		{keys: "N B E G P T R", does: "tool: navigate, brush, eraser, fill, polygon, threshold brush, relabel component", runes: []rune("nbegptr"),
			act: func(c *Controller, k key) bool {
				if c.Screen == nil || c.Screen.Editor == nil {
					return false
				}
				c.Screen.Editor.SetTool(ToolKeys[k.r])
				c.Screen.EditBar.Sync()
				return true
			}},
		{keys: "+ / -", does: "brush radius up / down by 1 mm", runes: []rune("+=-"),
			act: func(c *Controller, k key) bool {
				if c.Screen == nil || c.Screen.Editor == nil {
					return false
				}
				ed := c.Screen.Editor
				ed.SetRadius(ed.RadiusMM + map[bool]float64{true: -1, false: 1}[k.r == '-'])
				c.Screen.EditBar.Sync()
				return true
			}},
		{keys: "X", does: "show the changes since the last save", runes: []rune{'x'},
			act: func(c *Controller, k key) bool { return onScreen(func(*CaseScreen) { c.toggleChanges() })(c, k) }},
		sliceReviewKeys()[0], sliceReviewKeys()[1], sliceReviewKeys()[2],
		{keys: "Q", does: "QC findings (Edit › Run QC runs it again; it also runs on every save)", runes: []rune{'q'},
			act: onScreen(func(s *CaseScreen) { s.ShowQC() })},
		{keys: "J / K, I, Y, V", does: "QC: next / previous finding, expand or fold, accept (a group: all of it, one note), jump again", runes: []rune("jkiyv"),
			act: func(c *Controller, k key) bool { return c.qcKey(k) }},
		{keys: "Ctrl + click", does: "pick the region and part under the pointer as the active labels"},
		{keys: "Enter / Escape", does: "close and fill / cancel the polygon being drawn", names: []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape},
			act: func(c *Controller, k key) bool {
				if c.Screen == nil || c.Screen.Editor == nil {
					return false
				}
				if k.name == fyne.KeyEscape {
					return c.Screen.Editor.cancelPolygon()
				}
				c.Screen.Editor.ClosePolygon()
				return true // Enter on the case screen does nothing else
			}},
		{keys: "Ctrl + Z, Ctrl + Y", does: "undo, redo (one step per stroke; the Edit menu names them)",
			shortcuts: []fyne.Shortcut{&fyne.ShortcutUndo{}, &fyne.ShortcutRedo{}, ctrl(fyne.KeyZ, fyne.KeyModifierShift)},
			act: func(c *Controller, k key) bool {
				if k == undoKey {
					c.Undo()
				} else {
					c.Redo()
				}
				return true
			}},
		{keys: "Ctrl + S", does: "save both label maps (the previous version is kept)", shortcuts: []fyne.Shortcut{ctrl(fyne.KeyS, 0)},
			act: func(c *Controller, _ key) bool { c.Save(); return true }},
		{keys: "Ctrl + Page Down / Up", does: "next / previous case of the data set",
			shortcuts: []fyne.Shortcut{ctrl(fyne.KeyPageDown, 0), ctrl(fyne.KeyPageUp, 0)},
			act: func(c *Controller, k key) bool {
				c.NextCase(map[bool]int{true: 1, false: -1}[k.name == fyne.KeyPageDown])
				return true
			}},
		{keys: "Ctrl + O", does: "open a data set folder", shortcuts: []fyne.Shortcut{ctrl(fyne.KeyO, 0)},
			act: func(c *Controller, _ key) bool { c.dialogs.openFolder(); return true }},
		{keys: "Enter", does: "open the selected case of the worklist", names: []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter},
			act: func(c *Controller, _ key) bool {
				if c.Screen != nil || c.Worklist == nil {
					return false
				}
				c.Worklist.OpenSelected()
				return true
			}},
		{keys: "Escape", does: "back to the worklist", names: []fyne.KeyName{fyne.KeyEscape},
			act: func(c *Controller, _ key) bool {
				if c.Screen == nil || c.Worklist == nil {
					return false
				}
				c.ShowWorklist()
				return true
			}},
		{keys: "? or F1", does: "this help", runes: []rune{'?'}, names: []fyne.KeyName{fyne.KeyF1},
			act: func(c *Controller, _ key) bool { c.ShowHelp(); return true }},
	}
}

// undoKey and redoKey tell the undo binding which shortcut came.
var (
	undoKey = key{name: fyne.KeyZ}
	redoKey = key{name: fyne.KeyY}
)

// dispatch runs the bindings of k in table order until one acts.
func (c *Controller) dispatch(k key) bool {
	// A dialog on top (the help overlay, a question) has the keyboard:
	// the screen behind it acts on nothing, and Escape closes the help.
	if c.Window != nil && c.Window.Canvas().Overlays().Top() != nil {
		if k.r == 0 && k.name == fyne.KeyEscape && c.shell.help != nil {
			c.shell.help.Hide()
			c.shell.help = nil
			return true
		}
		return false
	}
	for _, b := range bindings {
		if b.act == nil || !b.has(k) {
			continue
		}
		if b.act(c, k) {
			return true
		}
	}
	return false
}

// has reports whether the binding's keys include k.
func (b *binding) has(k key) bool {
	for _, r := range b.runes {
		if k.r != 0 && r == k.r {
			return true
		}
	}
	for _, n := range b.names {
		if k.r == 0 && n == k.name {
			return true
		}
	}
	return false
}

// TypedKey handles a named key.
func (c *Controller) TypedKey(ev *fyne.KeyEvent) { c.dispatch(key{name: ev.Name}) }

// TypedRune handles a character key (letters in either case).
func (c *Controller) TypedRune(r rune) { c.dispatch(key{r: unicode.ToLower(r)}) }

// keys routes the keyboard through the key table.
func (c *Controller) keys() {
	cv := c.Window.Canvas()
	cv.SetOnTypedKey(c.TypedKey)
	cv.SetOnTypedRune(c.TypedRune)
	for _, b := range bindings {
		for _, s := range b.shortcuts {
			k := shortcutKey(s)
			act := b.act
			cv.AddShortcut(s, func(fyne.Shortcut) { act(c, k) })
		}
	}
	if dc, ok := cv.(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(ev *fyne.KeyEvent) { c.space(ev, true) })
		dc.SetOnKeyUp(func(ev *fyne.KeyEvent) { c.space(ev, false) })
	}
}

// shortcutKey is the key a shortcut stands for in the table's handlers.
func shortcutKey(s fyne.Shortcut) key {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		return undoKey
	case *fyne.ShortcutRedo:
		return redoKey
	case *desktop.CustomShortcut:
		if s.KeyName == fyne.KeyZ { // Ctrl+Shift+Z: redo
			return redoKey
		}
		return key{name: s.KeyName}
	}
	return key{}
}

// space tells the views that Space is held: a drag pans.
func (c *Controller) space(ev *fyne.KeyEvent, down bool) {
	if ev.Name != fyne.KeySpace || c.Screen == nil {
		return
	}
	for _, v := range c.Screen.Views {
		v.SpaceHeld = down
	}
}

// ShowHelp opens the key overlay, made from the key table.
func (c *Controller) ShowHelp() {
	if c.shell.help != nil {
		c.shell.help.Hide()
	}
	grid := container.NewGridWithColumns(2)
	for _, b := range bindings {
		grid.Add(widget.NewLabelWithStyle(b.keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(b.does))
	}
	d := dialog.NewCustom("Keys", "Close", container.NewVScroll(grid), c.Window)
	d.Resize(fyne.NewSize(720, 640))
	d.Show()
	c.shell.help = d
}
