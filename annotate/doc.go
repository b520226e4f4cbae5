// Package annotate is the editing session of one case: both label maps
// edited together under the sparse-slice rules, the tools (brush, fill,
// relabel, polygon, clean specks), protection and label locks, and the
// undo history of per-slice run-length patches. It never imports a GUI
// toolkit; label names and values come from the labels package.
package annotate
