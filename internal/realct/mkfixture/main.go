// Command mkfixture writes the real-CT QC fixtures of package realct as a
// data set, to look at them in the application or run qc on them:
//
//	go run ./internal/realct/mkfixture [--large] DIR
//
// case_000 is the clean proposal, case_001 the same with one injected
// defect per rule (listed in DIR/defects.json); --large adds case_002, the
// 512×512×110 tiled head with its proposal. The CT is GPL-2: keep the
// output out of the repository.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/saros-review/saros-review/internal/realct"
)

func main() {
	large := flag.Bool("large", false, "also write the 512×512×110 case")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: mkfixture [--large] DIR")
		os.Exit(2)
	}
	if err := write(flag.Arg(0), *large); err != nil {
		fmt.Fprintln(os.Stderr, "mkfixture:", err)
		os.Exit(2)
	}
}

func write(dir string, large bool) error {
	im, r, p, err := realct.Clean()
	if err != nil {
		return err
	}
	if err := realct.WriteCase(filepath.Join(dir, "case_000"), im, r, p); err != nil {
		return err
	}
	im, r, p, ds, err := realct.Defective()
	if err != nil {
		return err
	}
	if err := realct.WriteCase(filepath.Join(dir, "case_001"), im, r, p); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(map[string][]realct.Defect{"case_001": ds}, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "defects.json"), b, 0o644); err != nil {
		return err
	}
	if large {
		im, err := realct.Large()
		if err != nil {
			return err
		}
		r, p := realct.Propose(im, 1)
		return realct.WriteCase(filepath.Join(dir, "case_002"), im, r, p)
	}
	return nil
}
