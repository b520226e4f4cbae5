package app

// controlBinding keeps a group of controls in step with the state they show,
// one way each: the controls read the state in sync (called on the
// model's events), and a person's change goes out as an intent through a
// handler made by intent. Setting a control in sync fires its change
// handler as a person's change would; the controlBinding tells the two apart so
// that no handler sends back what it was just shown.
type controlBinding struct{ showing bool }

// show runs set, which makes the controls show the state, ignoring the
// change handlers it fires.
func (b *controlBinding) show(set func()) {
	if b.showing {
		set()
		return
	}
	b.showing = true
	defer func() { b.showing = false }()
	set()
}

// intent is a control's change handler that runs send for a person's
// change only, never while the controlBinding shows the state.
func intent[T any](b *controlBinding, send func(T)) func(T) {
	return func(v T) {
		if !b.showing {
			send(v)
		}
	}
}
