package asmenv

import (
	"os"
	"os/exec"
	"testing"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
	"github.com/twitchyliquid64/golang-asm/objabi"
)

// TestForeignEnvironment runs TestLinknewHelper in a child process whose
// environment names another target, as `go test -exec` gives its
// wrapper when testing for wasip1.
func TestForeignEnvironment(t *testing.T) {
	if os.Getenv("ASMENV_CHILD") != "" {
		t.Skip("in the child")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestLinknewHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "ASMENV_CHILD=1", "GOOS=wasip1", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if cmd.ProcessState == nil {
		t.Skipf("cannot start the test binary again here (under emulation?): %v", err)
	}
	if err != nil {
		t.Fatalf("child with GOOS=wasip1 GOARCH=wasm: %v\n%s", err, out)
	}
}

func TestLinknewHelper(t *testing.T) {
	ctxt := obj.Linknew(&x86.Linkamd64) // log.Fatalf's without this package
	if ctxt.Headtype != objabi.Hlinux || !objabi.Framepointer_enabled {
		t.Errorf("headtype %v, frame pointers %v", ctxt.Headtype, objabi.Framepointer_enabled)
	}
}
