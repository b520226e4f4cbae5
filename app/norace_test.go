//go:build !race

package app

// slowdown scales the time limits of tests (see race_test.go).
const slowdown = 1
