package app

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate/bodycomp"
)

// TestBodyCompPlotFirst: in the panel's height of the default window
// (about 540 px under the tabs) the plot and its legend show without
// scrolling, the legend names every plotted tissue, and a tissue with no
// volume shows no mean HU.
func TestBodyCompPlotFirst(t *testing.T) {
	c, shown := controller(t)
	c.Start("")
	s := wait(t, shown)
	bc := s.BodyComp
	for _, it := range s.tabs.Items {
		if it.Text == "Body composition" {
			s.tabs.Select(it)
		}
	}
	settle(t, c)
	if bc.Report == nil {
		t.Fatal("not measured")
	}
	bc.content.Resize(fyne.NewSize(420, 540))
	box := bc.content.(*container.Scroll).Content.(*fyne.Container)
	var legend fyne.CanvasObject
	for i, o := range box.Objects {
		if o == bc.plot {
			legend = box.Objects[i+1]
		}
	}
	if legend == nil {
		t.Fatal("no legend after the plot")
	}
	if bottom := legend.Position().Y + legend.Size().Height; bottom > 540 || bc.plot.Size().Height < plotH {
		t.Errorf("plot and legend end at %.0f px, beyond the panel's 540", bottom)
	}
	var names []string
	for _, o := range legend.(*fyne.Container).Objects {
		if l, ok := o.(*widget.Label); ok {
			names = append(names, l.Text)
		}
	}
	if strings.Join(names, " ") != "muscle SAT VAT IMAT bone" {
		t.Errorf("legend %q", names)
	}

	// The current slice scope on a slice where some tissue is absent.
	bc.scope.SetSelected(currentSlice)
	for _, sl := range bc.Report.Slices {
		for i, key := range bodycomp.Keys {
			if sl.Tissues[key].ML == 0 {
				bc.Refresh(sl.K)
				bc.fill()
				if got := cellAfter(bc.table, shortNames[i], 2); got != "" {
					t.Errorf("slice %d: %s has 0 mL but mean HU %q", sl.K, shortNames[i], got)
				}
				return
			}
		}
	}
	t.Error("no slice with an absent tissue in the demo case")
}

// cellAfter is the text n cells after the label named name in grid g.
func cellAfter(g *fyne.Container, name string, n int) string {
	for i := 0; i+n < len(g.Objects); i++ {
		if l, ok := g.Objects[i].(*widget.Label); ok && l.Text == name {
			return g.Objects[i+n].(*widget.Label).Text
		}
	}
	return "(missing)"
}

// TestNiceTicks: round steps, labels with only the decimals the step
// needs.
func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		min, max float64
		want     string
	}{
		{0, 250, "0 50 100 150 200 250"},
		{0, 99, "0 20 40 60 80"},
		{0, 1.3, "0.0 0.5 1.0"}, {0, 0.07, "0.00 0.02 0.04 0.06"},
		{-7, 13, "-5 0 5 10"},
		{3, 3, "3"},
	} {
		var got []string
		for _, tk := range (niceTicks{}).Ticks(c.min, c.max) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("ticks %g..%g: %q, want %q", c.min, c.max, got, c.want)
		}
	}
}

// TestPlotColoursApart: the plotted tissues' colours stay apart for
// people with red-green colour blindness (deuteranopia simulated with the
// Viénot–Brettel–Mollon matrix) and none of muscle and bone is a
// pinkish red like the other.
func TestPlotColoursApart(t *testing.T) {
	lin := func(v uint8) float64 {
		c := float64(v) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	deut := func(i int) [3]float64 {
		c := plotted[i].c
		r, g, b := lin(c.R), lin(c.G), lin(c.B)
		return [3]float64{0.29275*r + 0.70725*g, 0.29275*r + 0.70725*g, -0.02234*r + 0.02234*g + b}
	}
	for i := range plotted {
		for j := i + 1; j < len(plotted); j++ {
			a, b := deut(i), deut(j)
			d := math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[2]-b[2])*(a[2]-b[2]))
			if d < 0.1 && plotted[i].dashes == nil && plotted[j].dashes == nil {
				t.Errorf("%s and %s look alike to a deuteranope (%.3f) and both are solid", shortNames[plotted[i].t], shortNames[plotted[j].t], d)
			}
		}
	}
}
