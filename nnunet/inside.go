package nnunet

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// realPath makes p absolute and resolves the symbolic links of the part
// of it that exists (out need not exist yet).
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		} else if !os.IsNotExist(err) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// outsideDataset refuses an output folder that is the data set folder or
// lies inside it: the export would add folders that look like cases, or
// files into a case folder.
func outsideDataset(root, out string) error {
	r, err := realPath(root)
	if err != nil {
		return fmt.Errorf("nnU-Net export: %s: %w", root, err)
	}
	o, err := realPath(out)
	if err != nil {
		return fmt.Errorf("nnU-Net export: %s: %w", out, err)
	}
	if o == r || strings.HasPrefix(o, r+string(filepath.Separator)) {
		return fmt.Errorf("nnU-Net export: the output folder %s is inside the data set %s: give a folder outside it", out, root)
	}
	return nil
}
