//go:build race

package app

// slowdown scales the time limits of tests: the race detector makes code
// run several times slower, so a limit for a plain build would measure
// the detector.
const slowdown = 10
