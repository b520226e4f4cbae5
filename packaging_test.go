package main

import (
	"bufio"
	"image/png"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	sarosapp "github.com/saros-review/saros-review/app"
	"github.com/saros-review/saros-review/cli"
)

// fyneApp is the part of FyneApp.toml the packages are built from.
type fyneApp struct {
	Website, Description string
	Details              struct {
		Icon, Name, ID, Version string
		Build                   int
	}
	LinuxAndBSD struct {
		GenericName, Comment string
		Categories, Keywords []string
	}
	CanOpen struct{ MimeTypes string }
}

// desktopEntry reads the [Desktop Entry] group of a desktop file.
func desktopEntry(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	kv := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok && !strings.HasPrefix(k, "#") {
			kv[k] = v
		}
	}
	return kv
}

// TestPackagesAgree: FyneApp.toml (from which `fyne package` writes the
// tarball's desktop entry and main takes the version) parses as TOML and
// says what the .deb's desktop entry says, so the two Linux packages show
// the same name, menu category and file types; every file type either
// comes with the .deb's MIME definition or is a standard one; the icon
// it names is the 256 px icon.
func TestPackagesAgree(t *testing.T) {
	var app fyneApp
	md, err := toml.DecodeFile("FyneApp.toml", &app)
	if err != nil {
		t.Fatalf("FyneApp.toml: %v", err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Errorf("FyneApp.toml has keys this test does not know: %v", u)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(app.Details.Version) || app.Details.Build < 1 {
		t.Errorf("FyneApp.toml: Version %q must be x.y.z and Build ≥ 1 (the Windows version resource needs both)", app.Details.Version)
	}
	if app.Website != sarosapp.Homepage {
		t.Errorf("FyneApp.toml's Website %q is not the About dialog's homepage %q", app.Website, sarosapp.Homepage)
	}
	if app.Details.ID != sarosapp.ID {
		t.Errorf("FyneApp.toml's ID %q is not the app's %q", app.Details.ID, sarosapp.ID)
	}
	if app.Details.Version != version() {
		t.Errorf("the binary reports version %q, FyneApp.toml says %q", version(), app.Details.Version)
	}
	list := func(s []string) string { return strings.Join(s, ";") + ";" }
	deb := desktopEntry(t, "packaging/linux/"+app.Details.ID+".desktop")
	want := map[string]string{
		"Name":        app.Details.Name,
		"GenericName": app.LinuxAndBSD.GenericName,
		"Comment":     app.LinuxAndBSD.Comment,
		"Categories":  list(app.LinuxAndBSD.Categories),
		"Keywords":    list(app.LinuxAndBSD.Keywords),
		"MimeType":    app.CanOpen.MimeTypes + ";",
		"Icon":        app.Details.ID,
		// All selected files in one start (fyne writes %F too): several
		// .dcm of one series must not open one window each.
		"Exec": "saros-review %F",
	}
	for k, v := range want {
		if deb[k] != v {
			t.Errorf("the .deb's desktop entry has %s=%q, FyneApp.toml gives %q", k, deb[k], v)
		}
	}
	mime, err := os.ReadFile("packaging/linux/saros-review-mime.xml")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range strings.Split(app.CanOpen.MimeTypes, ";") {
		if m != "application/dicom" && !strings.Contains(string(mime), `type="`+m+`"`) {
			t.Errorf("%s is neither a standard type nor defined in saros-review-mime.xml", m)
		}
	}
	f, err := os.Open(app.Details.Icon)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if c, err := png.DecodeConfig(f); err != nil || c.Width != 256 || c.Height != 256 {
		t.Errorf("%s is not a 256 px PNG: %v %+v", app.Details.Icon, err, c)
	}
}

// TestManPageCoversUsage: the manual page the .deb installs names every
// command and flag that `saros-review --help` lists.
func TestManPageCoversUsage(t *testing.T) {
	b, err := os.ReadFile("packaging/linux/saros-review.1")
	if err != nil {
		t.Fatal(err)
	}
	man := strings.ReplaceAll(string(b), `\-`, "-")
	flag := regexp.MustCompile(`--[a-z-]+`)
	for _, line := range strings.Split(cli.Usage, "\n") {
		// "  saros-review CMD ARGS [--flag X]      description"
		synopsis := regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(line), 2)[0]
		f := strings.Fields(synopsis)
		if len(f) < 2 || f[0] != "saros-review" {
			continue
		}
		words := flag.FindAllString(synopsis, -1)
		if regexp.MustCompile(`^[a-z][a-z-]+$`).MatchString(f[1]) {
			words = append(words, f[1])
		}
		for _, w := range words {
			if !strings.Contains(man, w) {
				t.Errorf("the man page does not mention %q (from %q)", w, synopsis)
			}
		}
	}
}
