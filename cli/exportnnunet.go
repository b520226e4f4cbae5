package cli

import (
	"flag"
	"fmt"
	"io"
	"runtime"

	"github.com/saros-review/saros-review/nnunet"
	"github.com/saros-review/saros-review/store"
)

const exportNNUNetUsage = "usage: saros-review export-nnunet DATASET OUT [--map regions|parts] [--mode 3d|2d] [--id N] [--name NAME] [--jobs N] [--link] [--force]"

// runExportNNUNet writes a data set as an nnU-Net v2 raw data set and
// checks the result with the integrity checks nnU-Net runs.
func runExportNNUNet(env Env, args []string) int {
	fs := flag.NewFlagSet("export-nnunet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	mapName := fs.String("map", "regions", "regions or parts")
	mode := fs.String("mode", "3d", "3d or 2d")
	id := fs.Int("id", 0, "nnU-Net data set id (default 501 regions 3d, 502 parts 3d, 503 regions 2d, 504 parts 2d)")
	name := fs.String("name", "", "data set name")
	jobs := fs.Int("jobs", runtime.NumCPU(), "cases written at once")
	force := fs.Bool("force", false, "write into a folder not made by an export")
	link := fs.Bool("link", false, "hard-link images to the data set's CTs instead of copying them")
	valued := map[string]bool{}
	for _, f := range []string{"map", "mode", "id", "name", "jobs"} {
		valued["-"+f], valued["--"+f] = true, true
	}
	src, rest := splitFirstOf(args, valued)
	out, rest := splitFirstOf(rest, valued)
	err := fs.Parse(rest)
	if p := argProblem(err, fs.Args(), missingArg([]string{"DATASET", "OUT"}, src, out)); p != "" {
		return usageFail(env, "export-nnunet", p, exportNNUNetUsage)
	}
	if p := oneOf("map", *mapName, "regions", "parts") + oneOf("mode", *mode, "3d", "2d"); p != "" {
		return usageFail(env, "export-nnunet", p, exportNNUNetUsage)
	}
	if err := checkJobs(*jobs); err != nil {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: %v\n", err)
		return 2
	}
	idSet := false
	fs.Visit(func(f *flag.Flag) { idSet = idSet || f.Name == "id" })
	if idSet && (*id < 1 || *id > 999) {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: --id %d: want 1 to 999\n", *id)
		return 2
	}
	ds, err := store.Open(src)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: %v\n", err)
		return 2
	}
	if ds.Kind != store.DatasetFolder {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: %s: not a data set folder\n", src)
		return 2
	}
	progress, end := progressLine(env, "export-nnunet", len(ds.Cases))
	o := nnunet.Options{Map: *mapName, Mode: nnunet.Mode(*mode), ID: *id, Name: *name, Jobs: *jobs, Force: *force, Link: *link}
	if progress != nil {
		o.Progress = func(done, _ int) { progress(done) }
	}
	r, err := nnunet.Export(ds, out, o)
	end()
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: %v\n", err)
		return 2
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: skipped %s\n", s)
	}
	if d := r.DatasetJSON; len(d.Kept) > 0 || len(d.Replaced) > 0 {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: dataset.json: kept your keys %q; rewrote the export's keys %q\n", d.Kept, d.Replaced)
	}
	for _, u := range r.UnknownSplit {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: warning: %s is not a split (test, fold-1…fold-5, train or empty); trained in every fold\n", u)
	}
	if len(r.NoFold) > 0 {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: %d training cases have no fold-1…fold-5 split and train in every fold\n", len(r.NoFold))
	}
	probs, err := nnunet.Verify(r.Dir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: %v\n", err)
		return 2
	}
	for _, p := range probs {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: check: %s\n", p)
	}
	folds, err := nnunet.CheckFolds(r.Dir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: %v\n", err)
		return 2
	}
	for _, p := range folds {
		fmt.Fprintf(env.Stderr, "saros-review export-nnunet: warning: %s\n", p)
	}
	fmt.Fprintf(env.Stdout, "%s: %d training and %d test cases; %d files written, %d unchanged, %d removed\n",
		r.Dir, r.Training, r.Test, r.Written, r.Unchanged, r.Removed)
	if len(probs) > 0 || len(r.Skipped) > 0 {
		return 2
	}
	return 0
}

// runCheckNNUNet runs the nnU-Net integrity checks on a raw data set folder.
func runCheckNNUNet(env Env, args []string) int {
	if len(args) != 1 || len(args[0]) == 0 || args[0][0] == '-' {
		fmt.Fprintln(env.Stderr, "usage: saros-review check-nnunet DATASET_FOLDER")
		return 2
	}
	probs, err := nnunet.Verify(args[0])
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review check-nnunet: %v\n", err)
		return 2
	}
	folds, err := nnunet.CheckFolds(args[0])
	if err != nil {
		fmt.Fprintf(env.Stderr, "saros-review check-nnunet: %v\n", err)
		return 2
	}
	probs = append(probs, folds...)
	for _, p := range probs {
		fmt.Fprintln(env.Stdout, p)
	}
	if len(probs) > 0 {
		return 1
	}
	fmt.Fprintf(env.Stdout, "%s: no problems found\n", args[0])
	return 0
}
