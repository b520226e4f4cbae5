package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzFinishSave feeds any bytes as a case's save journal (it lives in a
// folder colleagues share, so it may be hostile): opening never panics and
// never touches a file outside the case folder.
func FuzzFinishSave(f *testing.F) {
	for _, s := range []string{
		`{"revision":"h","files":[{"target":"body-regions.nii.gz","temp":".body-regions.nii.gz.tmp-1","old":""},{"target":"body-parts.nii.gz","temp":".body-parts.nii.gz.tmp-2","old":""}]}`,
		`{"files":[{"target":"../outside.nii.gz","temp":"../.outside.nii.gz.tmp-1"},{"target":"body-parts.nii.gz","temp":".body-parts.nii.gz.tmp-2"}]}`,
		`{"files":[{"target":"/etc/passwd.nii.gz","temp":"/tmp/.x.tmp-1"},{"target":"a.nii","temp":".a.nii.tmp-2"}]}`,
		`{"files":[{"target":"body-regions.nii.gz","temp":"../sentinel"},{"target":"body-parts.nii.gz","temp":".body-parts.nii.gz.tmp-2"}]}`,
		`{"files":[]}`, `not json`, ``, `{"files":[{},{}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, journalBytes []byte) {
		top := t.TempDir()
		dir := filepath.Join(top, "case_000")
		os.MkdirAll(filepath.Join(dir, ".saros-review"), 0o755)
		files := map[string][]byte{
			filepath.Join(top, "sentinel"):                   []byte("outside"),
			filepath.Join(top, "outside.nii.gz"):             []byte("outside map"),
			filepath.Join(top, ".outside.nii.gz.tmp-1"):      []byte("outside temp"),
			filepath.Join(dir, RegionsFile):                  []byte("old regions"),
			filepath.Join(dir, PartsFile):                    []byte("old parts"),
			filepath.Join(dir, ".body-regions.nii.gz.tmp-1"): []byte("new regions"),
		}
		for p, b := range files {
			os.WriteFile(p, b, 0o644)
		}
		os.WriteFile(filepath.Join(dir, filepath.FromSlash(SaveJournal)), journalBytes, 0o644)
		c := &Case{ID: "case_000", Dir: dir}
		c.FinishSave()
		for _, p := range []string{"sentinel", "outside.nii.gz", ".outside.nii.gz.tmp-1"} {
			b, err := os.ReadFile(filepath.Join(top, p))
			if err != nil || !bytes.Equal(b, files[filepath.Join(top, p)]) {
				t.Fatalf("journal %q touched %s outside the case", journalBytes, p)
			}
		}
	})
}
