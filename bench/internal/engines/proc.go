package engines

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// proc is a child process that answers one line per request line: "ok
// WORDS..." or "err MESSAGE" (runners/v8.mjs and runners/native.c).
type proc struct {
	name string
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	mu   sync.Mutex
}

func startProc(name string, cmd *exec.Cmd) (*proc, error) {
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &proc{name: name, cmd: cmd, in: in, out: bufio.NewReader(out)}, nil
}

// ask sends one request and returns the words after "ok".
func (p *proc) ask(format string, a ...any) ([]string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	req := fmt.Sprintf(format, a...)
	if _, err := fmt.Fprintln(p.in, req); err != nil {
		return nil, fmt.Errorf("%s: %s: %w", p.name, req, err)
	}
	line, err := p.out.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("%s: %s: no answer (%v); the process exited?", p.name, req, err)
	}
	words := strings.Fields(line)
	if len(words) == 0 || words[0] != "ok" {
		return nil, fmt.Errorf("%s: %s: %s", p.name, req, strings.TrimSpace(line))
	}
	return words[1:], nil
}

func (p *proc) close() error {
	fmt.Fprintln(p.in, "quit")
	p.in.Close()
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		return <-done
	}
}

func parseU64(s string) (uint64, error) { return strconv.ParseUint(s, 10, 64) }

func parseNS(s string) (time.Duration, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	return time.Duration(n), err
}

// resultAndTime parses the "RESULT NS" answer of a cold call.
func resultAndTime(words []string, err error) (uint64, time.Duration, error) {
	if err != nil {
		return 0, 0, err
	}
	if len(words) != 2 {
		return 0, 0, fmt.Errorf("bad answer %q", words)
	}
	r, err := parseU64(words[0])
	if err != nil {
		return 0, 0, err
	}
	d, err := parseNS(words[1])
	return r, d, err
}

// resultAndTiming parses the "RESULT WALL_NS CPU_NS" answer of a call.
func resultAndTiming(words []string, err error) (uint64, Timing, error) {
	if err != nil {
		return 0, Timing{}, err
	}
	if len(words) != 3 {
		return 0, Timing{}, fmt.Errorf("bad answer %q", words)
	}
	r, err := parseU64(words[0])
	if err != nil {
		return 0, Timing{}, err
	}
	var t Timing
	if t.Wall, err = parseNS(words[1]); err != nil {
		return 0, Timing{}, err
	}
	t.CPU, err = parseNS(words[2])
	return r, t, err
}
