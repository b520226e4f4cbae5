//go:build !linux

package nnunet

import (
	"errors"
	"os"
)

// reflink is not tried outside Linux; the caller copies.
func reflink(dst, src *os.File) error { return errors.New("no reflink here") }
