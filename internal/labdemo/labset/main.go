// Command labset writes a demo data set of n cases into a new folder with
// a review history by several people (labdemo.Fill), for screenshots of
// the lab report: go run ./internal/labdemo/labset DIR [N].
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/saros-review/saros-review/internal/labdemo"
	"github.com/saros-review/saros-review/store"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "labset:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 1 || len(args) > 2 {
		return fmt.Errorf("usage: labset DIR [N cases, at least 3]")
	}
	n := 6
	if len(args) == 2 {
		var err error
		if n, err = strconv.Atoi(args[1]); err != nil || n < 3 || n > 50 {
			return fmt.Errorf("case count %q: want a number from 3 to 50", args[1])
		}
	}
	if err := store.WriteDemo(args[0], n); err != nil {
		return err
	}
	ds, err := store.Open(args[0])
	if err != nil {
		return err
	}
	ids := make([]string, len(ds.Cases))
	for i, c := range ds.Cases {
		ids[i] = c.ID
	}
	login, err := labdemo.Fill(context.Background(), args[0], ids)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d cases, history by %v and %s; %s is an admin\n", args[0], n, labdemo.Annotators, labdemo.Reviewer, login)
	return nil
}
