// Package annotate is the editing session of one case: the tools, undo and
// redo, the sparse-slice rules that keep ignored slices locked, and the
// derivation of body parts from regions. It never imports a GUI toolkit;
// label names and values come from the labels package.
package annotate
