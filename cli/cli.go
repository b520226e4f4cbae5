// Package cli runs SAROS Review's headless sub-commands (info, demo, …)
// for scripts and CI. It never imports a GUI toolkit; main hands over to it
// or to the app.
package cli

import (
	"fmt"
	"io"
)

// Env is what a command may use: its output streams and the version.
type Env struct {
	Stdout, Stderr io.Writer
	Version        string
}

// command is one sub-command: it returns the process exit code.
type command func(env Env, args []string) int

var commands = map[string]command{
	"info":          runInfo,
	"demo":          runDemo,
	"qc":            runQC,
	"import-dicom":  runImportDICOM,
	"review":        runReview,
	"stats":         runStats,
	"export-nnunet": runExportNNUNet,
	"check-nnunet":  runCheckNNUNet,
	"export-seg":    runExportSEG,
	"import-seg":    runImportSEG,
	"export-bca":    runExportBCA,
	"compare":       runCompare,
	"users":         runUsers,
}

// IsCommand reports whether name is a sub-command or a flag handled here,
// as opposed to a path for the GUI.
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "--version" || name == "-version" || name == "--help" || name == "-h" || name == "help"
}

// Run executes a sub-command; args[0] is its name.
func Run(env Env, args []string) int {
	switch args[0] {
	case "--version", "-version":
		fmt.Fprintf(env.Stdout, "saros-review %s\n", env.Version)
		return 0
	case "--help", "-h", "help":
		fmt.Fprint(env.Stdout, Usage)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "saros-review: unknown command %q\n%s", args[0], Usage)
		return 2
	}
	return cmd(env, args[1:])
}

// Usage is the help text.
const Usage = `usage:
  saros-review                      open the built-in demo case
  saros-review PATH                 open a data set folder, a case folder or a NIfTI file
                                    (a DICOM file or folder: import its series)
  saros-review --read-only [PATH]   browse only: no tool acts, nothing is written
  saros-review info FILE...         print the geometry of NIfTI files, one JSON object a line
  saros-review demo DIR [--cases N] write a demo data set of N phantom cases (default 4)
  saros-review qc PATH [--rules F] [--format json|csv|text] [--jobs N] [--no-cache]
                                    check a case or a data set; exit 0 clean or warnings,
                                    1 errors found, 2 could not run
  saros-review import-dicom SRC CASE_DIR [--series UID] [--resample 5] [--keep-original] [--replace]
                                    [--keep-identifiers]
                                    a DICOM CT series to a case folder (image, empty sparse maps);
                                    a case with files is refused unless --replace (old files kept);
                                    the kept tags are de-identified unless --keep-identifiers
  saros-review review PATH [--report] [--format json|csv]
                                    status, assignment, open flags and QC errors per case;
                                    --report: cases, slices per hour, QC errors at submit,
                                    return rate and agreement per annotator
  saros-review users PATH [list | grant LOGIN ROLE | revoke LOGIN]
                                    logins and roles of the data set's review store (admins,
                                    or the database owner for the first admin)
  saros-review stats PATH [--format json|csv] [--jobs N] [--definitions saros|boa]
                                    body composition over the annotated slices
  saros-review export-bca CASE OUT_DIR [--definitions boa|saros] [--l3 K | --vertebrae FILE] [--height M] [--force]
                                    BOA-named body composition (bca-measurements.json and .xlsx), L3 and SMI
  saros-review export-nnunet DATASET OUT [--map regions|parts] [--mode 3d|2d] [--id N] [--name NAME] [--jobs N] [--link] [--force]
                                    an nnU-Net v2 raw data set (OUT/DatasetNNN_NAME), 255 as the ignore label
  saros-review check-nnunet DIR     nnU-Net v2's integrity checks on a raw data set folder; exit 1 on problems
  saros-review export-seg CASE OUT_DIR [--map regions|parts|both] [--force]
                                    the label maps as DICOM Segmentation (BINARY) files
  saros-review import-seg SEG CASE [--replace] [--other-patient] [--other-slices]
                                    DICOM Segmentation files (a file or a folder) into a case's label maps
  saros-review compare A B [--tolerance MM] [--format json|csv|text] [--jobs N]
                                    Dice, NSD and HD95 per label between two cases or data sets
  saros-review --smoke-test         open a demo case in a window, render, QC, save; exit 0 if all worked
  saros-review --version            print the version
`
