// Package spectest runs the WebAssembly spec test scripts (.wast) against
// Sable and reports one Result per command.
//
// The front end (text parser, binary decoder, validator) is judged here
// without an engine. Commands that need execution are reported as skipped
// unless an Engine is supplied.
package spectest

import (
	"fmt"
	"strings"
)

// Status is the outcome of one command.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "fail"
	Skip Status = "skip"
)

// Result is the outcome of one script command.
type Result struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Kind   string `json:"kind"` // the command's WAST keyword; "action" for bare actions, "script" for a file that cannot be read or lexed
	Status Status `json:"status"`
	Reason string `json:"reason"`
}

func (r Result) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", r.File, r.Line, r.Kind, r.Reason)
}

// Counts tallies results by status.
type Counts struct {
	Passed, Failed, Skipped int
}

// Add counts r.
func (c *Counts) Add(r Result) {
	switch r.Status {
	case Pass:
		c.Passed++
	case Fail:
		c.Failed++
	case Skip:
		c.Skipped++
	}
}

// AddCounts adds all of o to c.
func (c *Counts) AddCounts(o Counts) {
	c.Passed += o.Passed
	c.Failed += o.Failed
	c.Skipped += o.Skipped
}

// Tally counts results.
func Tally(results []Result) Counts {
	var c Counts
	for _, r := range results {
		c.Add(r)
	}
	return c
}

func (c Counts) String() string {
	return fmt.Sprintf("%d passed, %d failed, %d skipped", c.Passed, c.Failed, c.Skipped)
}

// oneLine flattens an error message for single-line reports.
func oneLine(s string) string {
	return strings.ReplaceAll(s, "\n", `\n`)
}
