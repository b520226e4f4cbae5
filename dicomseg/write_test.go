package dicomseg

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saros-review/saros-review/assets"
)

// phantom is a small demo phantom.
func phantom(t testing.TB) *assets.Phantom {
	t.Helper()
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{64, 48, 40}, Spacing: [3]float64{6, 7, 5}, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// writeSEG writes a map as a SEG file in a temporary folder.
func writeSEG(t testing.TB, p *assets.Phantom, mapName string, ref Reference) string {
	t.Helper()
	m := p.Regions
	if mapName == "parts" {
		m = p.Parts
	}
	b, err := encodeFile(m, mapName, ref)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), mapName+".dcm")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDciodvfy: David Clunie's dciodvfy (Debian dicom3tools) finds no
// error in either map's SEG, with and without a source series.
func TestDciodvfy(t *testing.T) {
	if _, err := exec.LookPath("dciodvfy"); err != nil {
		t.Fatal("dciodvfy is needed (Debian package dicom3tools; make test installs it)")
	}
	p := phantom(t)
	src := Reference{PatientName: "Doe^Jane", PatientID: "P1", PatientSex: "F", StudyInstanceUID: "1.2.3.4",
		FrameOfReferenceUID: "1.2.3.5", SeriesInstanceUID: "1.2.3.6", SOPClassUID: "1.2.840.10008.5.1.4.1.1.2", SOPInstanceUID: "1.2.3.7"}
	for _, c := range []struct {
		m   string
		ref Reference
	}{{"regions", Reference{}}, {"parts", Reference{}}, {"regions", src}} {
		path := writeSEG(t, p, c.m, c.ref)
		out, _ := exec.Command("dciodvfy", path).CombinedOutput()
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "Error") {
				t.Errorf("%s: %s", c.m, l)
			}
		}
		if testing.Verbose() {
			t.Logf("%s:\n%s", c.m, out)
		}
	}
}
