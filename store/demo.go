package store

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/volume/nifti"
)

// DemoCSV is the name of the demo data set's CSV.
const DemoCSV = "Segmentation Info.csv"

// DemoDefectsFile lists the deliberate defects of each demo case, as JSON.
const DemoDefectsFile = "demo-defects.json"

// WriteDemo writes a demo data set of n phantom cases (seeds 1..n) into
// dir: case folders with image and proposal label maps, the CSV and the
// list of defects. dir must be new or an empty folder: a demo never writes
// over anything. The whole data set is built in a hidden temporary folder
// beside dir and renamed into place at the end, so a killed demo leaves no
// half data set (its temporary folder is removed by the next run).
func WriteDemo(dir string, n int) error {
	if n < 1 || n > 999 {
		return fmt.Errorf("%d cases, want 1 to 999", n)
	}
	dir = filepath.Clean(dir)
	mode := os.FileMode(0o755)
	existed := false
	if st, err := os.Stat(dir); err == nil {
		existed = true
		if !st.IsDir() {
			return fmt.Errorf("%s is a file, not a folder; choose a new or empty folder", dir)
		}
		mode = st.Mode().Perm()
		cleanStale(dir)
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			if _, ours := tempPID(entries[0].Name()); ours && len(entries) == 1 {
				return fmt.Errorf("%s holds only %q, left by a run that was killed or is still running; run again in a minute (it is then removed), or remove it", dir, entries[0].Name())
			}
			return fmt.Errorf("%s is not empty (it holds %q and %d other entries); choose a new or empty folder", dir, entries[0].Name(), len(entries)-1)
		}
	} else if _, lerr := os.Lstat(dir); lerr == nil {
		return fmt.Errorf("%s is a symbolic link to something that does not exist; choose a new or empty folder", dir)
	} else if errors.Is(err, syscall.ENOTDIR) {
		return fmt.Errorf("%s: a folder on its path is a file; choose a new or empty folder", dir)
	} else if !os.IsNotExist(err) {
		return err
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	build, err := buildDir(dir)
	if err != nil && existed {
		// The folder above is not ours to write in (an empty folder
		// made for us on a share): write into the folder itself, each
		// case still built whole; a killed run leaves whole cases only.
		return writeDemoFiles(dir, n)
	}
	if err != nil {
		return fmt.Errorf("cannot make a folder beside %s to build the data set in: %w", dir, err)
	}
	defer os.RemoveAll(build) // gone after placeDir; removes a failed build
	if err := os.Chmod(build, mode); err != nil {
		return err
	}
	if err := writeDemoFiles(build, n); err != nil {
		return err
	}
	return placeDir(build, dir)
}

// writeDemoFiles writes the demo's cases, CSV and defects into dir.
func writeDemoFiles(dir string, n int) error {
	defects := map[string][]assets.Defect{}
	rows := [][]string{{"id", "split", "tcia_collection", "tcia_case_id", "anatomic_region", "orientation_code", "sex", "tcia_series_instance_uid"}}
	for i := 0; i < n; i++ {
		cfg := assets.DemoConfig
		cfg.Seed = uint64(i + 1)
		id := fmt.Sprintf("case_%03d", i)
		p, err := assets.NewPhantom(cfg)
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		if err := writeCase(filepath.Join(dir, id), p); err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		defects[id] = p.Defects
		split := fmt.Sprintf("fold-%d", i%5+1)
		if i%5 == 4 {
			split = "test"
		}
		rows = append(rows, []string{id, split, "SAROS-DEMO", fmt.Sprintf("DEMO-%03d", i), "wholebody",
			p.Image.AxCodes(), [2]string{"F", "M"}[i%2], fmt.Sprintf("1.2.826.0.1.3680043.10.1.%d", i+1)})
	}
	err := WriteFileAtomic(filepath.Join(dir, DemoCSV), func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.WriteAll(rows)
		return cw.Error()
	})
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(dir, DemoDefectsFile), func(w io.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(defects)
	})
}

// writeCase writes a phantom case to a new folder dst, built in a
// temporary folder and renamed into place.
func writeCase(dst string, p *assets.Phantom) error {
	dir, err := buildDir(dst)
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir) // gone after placeDir; removes a failed build
	if err := writeCaseFiles(dir, p); err != nil {
		return err
	}
	return placeDir(dir, dst)
}

func writeCaseFiles(dir string, p *assets.Phantom) error {
	if err := WriteFileAtomic(filepath.Join(dir, ImageFile), func(w io.Writer) error {
		return nifti.WriteImage(w, p.Image, nil)
	}); err != nil {
		return err
	}
	if err := WriteFileAtomic(filepath.Join(dir, RegionsFile), func(w io.Writer) error {
		return nifti.WriteLabels(w, p.Regions, nil)
	}); err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(dir, PartsFile), func(w io.Writer) error {
		return nifti.WriteLabels(w, p.Parts, nil)
	})
}
