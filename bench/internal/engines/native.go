package engines

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Native runs a CPU kernel's gcc -O2 build (runners/native.c linked with
// kernels/NAME.c): the physical-limit reference. It has no compile step
// to time (the build is ahead of time), so Compile and Cold report
// ErrUnsupported.
type Native struct{ GCC string }

func (Native) Name() string { return "native" }

func (n Native) Version() string {
	out, err := exec.Command(n.GCC, "--version").Output()
	if err != nil {
		return "gcc (unknown version)"
	}
	return strings.SplitN(string(out), "\n", 2)[0] + ", -O2"
}

func (Native) Close() error { return nil }

var errAOT = fmt.Errorf("%w: native code is compiled ahead of time", ErrUnsupported)

func (Native) Compile([]byte) (Timing, error) { return Timing{}, errAOT }

func (Native) Cold(*Module, string, ...uint64) (uint64, time.Duration, error) {
	return 0, 0, errAOT
}

type nativeInstance struct{ p *proc }

func (Native) Load(m *Module) (Instance, error) {
	if m.Native == "" {
		return nil, fmt.Errorf("%w: %s has no native build", ErrUnsupported, m.Name)
	}
	if _, err := os.Stat(m.Native); err != nil {
		return nil, err
	}
	cmd := exec.Command(m.Native)
	cmd.Stderr = os.Stderr
	p, err := startProc("native "+m.Name, cmd)
	if err != nil {
		return nil, err
	}
	return &nativeInstance{p: p}, nil
}

func (i *nativeInstance) Call(fn string, args ...uint64) (uint64, Timing, error) {
	if fn != "run" || len(args) != 1 {
		return 0, Timing{}, errors.New("native: only run(n) exists")
	}
	return resultAndTiming(i.p.ask("call %d", uint32(args[0])))
}

func (i *nativeInstance) Close() error { return i.p.close() }
