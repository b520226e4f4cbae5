// Command mkdicom writes the demo phantom's CT as a DICOM series (one
// file per slice, with github.com/suyashkumar/dicom's writer), so
// `make screenshots` can import a real series and show its DICOM tab:
//
//	go run ./docs/mkdicom DIR
package main

import (
	"fmt"
	"os"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/internal/dicomtest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./docs/mkdicom DIR")
		os.Exit(2)
	}
	p, err := assets.NewPhantom(assets.DemoConfig)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkdicom:", err)
		os.Exit(1)
	}
	s := dicomtest.FromImage(p.Image, "1.2.826.0.1.3680043.10.1.900")
	s.Sex = "F"
	if err := s.WriteFiles(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "mkdicom:", err)
		os.Exit(1)
	}
}
