// Package asmenv makes golang-asm independent of the environment of the
// process that embeds Sable.
//
// golang-asm is the Go 1.15 assembler as a library, and like the go
// tool it reads GOOS and GOARCH from the environment when it
// initializes. A program that embeds Sable and runs with GOOS=wasip1
// GOARCH=wasm in its environment — `go test -exec` runs its wrapper
// exactly so — had obj.Linknew call log.Fatalf("unknown goos wasip1"),
// killing the host process, and GOARCH=wasm turned frame pointers off
// in golang-asm's arm64 prologues. The back ends import this package
// so that golang-asm always assembles for what they were written for:
// linux, on the host's architecture, with frame pointers.
package asmenv

import (
	goruntime "runtime"

	"github.com/twitchyliquid64/golang-asm/objabi"
)

func init() {
	objabi.GOOS = "linux"
	objabi.GOARCH = goruntime.GOARCH
	objabi.Framepointer_enabled = true
}
