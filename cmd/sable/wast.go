package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sablewasm/sable/tests/spectest"
)

// runWast runs spec test scripts. It prints one line per failing command
// and a summary per file and overall, or with --json one JSON object per
// command and nothing else.
func runWast(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wast", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "print one JSON object per command (JSON Lines) instead of text")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sable wast [--json] FILE.wast...")
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "Runs WebAssembly spec test scripts. Commands the runtime cannot carry")
		fmt.Fprintln(stderr, "out yet (calls of functions the back end cannot compile) are reported")
		fmt.Fprintln(stderr, "as skipped, with the reason under --json.")
		fmt.Fprintln(stderr, "Exits with status 1 if any command failed.")
		fmt.Fprintln(stderr)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	files := fs.Args()
	if len(files) == 0 {
		fs.Usage()
		return exitUsage
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			fmt.Fprintf(stderr, "sable wast: %v\n", err)
			return exitUsage
		}
	}

	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	var total spectest.Counts
	for _, f := range files {
		eng, err := spectest.NewSableEngine()
		if err != nil {
			fmt.Fprintf(stderr, "sable wast: %v\n", err)
			return exitFail
		}
		results := spectest.RunFile(f, eng)
		eng.Close()
		counts := spectest.Tally(results)
		total.AddCounts(counts)
		for _, r := range results {
			switch {
			case *jsonOut:
				if err := enc.Encode(r); err != nil {
					fmt.Fprintf(stderr, "sable wast: %v\n", err)
					return exitUsage
				}
			case r.Status == spectest.Fail:
				fmt.Fprintln(stdout, r)
			}
		}
		if !*jsonOut {
			fmt.Fprintf(stdout, "%s: %s\n", f, counts)
		}
	}
	if !*jsonOut {
		fmt.Fprintf(stdout, "total: %s\n", total)
	}
	if total.Failed > 0 {
		return exitFail
	}
	return exitOK
}
