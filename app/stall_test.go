package app

import (
	"strings"
	"testing"
	"time"

	"github.com/saros-review/saros-review/internal/silent"
)

// TestStalledStoreKeepsWindowResponsive: with a team database that
// accepts the connection and never answers, opening a data set returns
// at once, the window goes on painting and answering keys while the store
// is waited for, and within the store's timeout the message line says the
// store is not answering and the worklist is shown without it.
func TestStalledStoreKeepsWindowResponsive(t *testing.T) {
	const timeout = 400 * time.Millisecond
	dir := reviewSet(t)
	c, tr := controllerWith(t, timeout)
	c.App.Preferences().SetString(prefDB, silent.PostgresURL(t))
	start := time.Now()
	c.OpenPath(dir)
	if d := time.Since(start); d > slowdown*timeout/2 || strings.Contains(c.shell.line.Text, "not answering") || c.Worklist != nil {
		t.Fatalf("OpenPath took %v and came back with %q: it waited for the store", d, c.shell.line.Text)
	}
	// While the store is waited for, the UI thread paints and handles keys.
	frames := 0
	c.TypedRune('?')
	if c.Window.Canvas().Overlays().Top() == nil {
		t.Error("the help overlay did not open while the store was waited for")
	}
	err := tr.loop.Run(func() bool {
		if img := c.Window.Canvas().Capture(); img != nil && img.Bounds().Dx() > 0 {
			frames++
		}
		return strings.Contains(c.shell.line.Text, "not answering")
	}, slowdown*20*timeout)
	if err != nil {
		t.Fatalf("message line %q: %v", c.shell.line.Text, err)
	}
	if d := time.Since(start); d > slowdown*10*timeout {
		t.Errorf("the store was given up after %v, timeout %v", d, timeout)
	}
	if frames < 1 {
		t.Error("no frame painted while the store was waited for")
	}
	if !strings.Contains(c.shell.line.Text, "no reply within "+timeout.String()) {
		t.Errorf("message line %q does not name the timeout", c.shell.line.Text)
	}
	tr.settle()
	if c.Worklist == nil || c.Screen != nil || c.Work.Review() != nil || len(c.Worklist.Rows()) != 3 {
		t.Errorf("after the timeout: worklist %v, review store %v", c.Worklist != nil, c.Work.Review())
	}
	if !strings.Contains(c.shell.line.Text, "not answering") {
		t.Errorf("the message went away: %q", c.shell.line.Text)
	}
}
