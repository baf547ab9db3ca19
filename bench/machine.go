package main

import (
	"os"
	"os/exec"
	goruntime "runtime"
	"strconv"
	"strings"
)

// machineInfo records where and on what a run happened.
type machineInfo struct {
	CPU      string `json:"cpu"`
	Cores    int    `json:"cores"`
	Memory   string `json:"memory"`
	Kernel   string `json:"kernel"`
	OS       string `json:"os"`
	Arch     string `json:"arch"`
	Go       string `json:"go"`
	Commit   string `json:"commit"`
	Load     string `json:"load_start"`
	LoadEnd  string `json:"load_end"`
	Clang    string `json:"clang"`
	GCC      string `json:"gcc"`
	GoMaxPro int    `json:"gomaxprocs"`
}

func readMachine() machineInfo {
	m := machineInfo{
		Cores:    goruntime.NumCPU(),
		Arch:     goruntime.GOOS + "/" + goruntime.GOARCH,
		Go:       goruntime.Version(),
		GoMaxPro: goruntime.GOMAXPROCS(0),
		Load:     loadAvg(),
		Clang:    toolVersion("clang", "--version"),
		GCC:      toolVersion("gcc", "--version"),
	}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if f := strings.Fields(string(b)); len(f) > 1 {
			kb, _ = strconv.ParseInt(f[1], 10, 64)
		}
		m.Memory = strconv.FormatFloat(float64(kb)/(1<<20), 'f', 1, 64) + " GiB"
	}
	m.Kernel = toolVersion("uname", "-sr")
	if b, err := os.ReadFile("/etc/debian_version"); err == nil {
		m.OS = "Debian " + strings.TrimSpace(string(b))
	}
	m.Commit = gitCommit()
	return m
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// gitCommit names the checkout measured (bench/go.mod replaces Sable with
// ../, so uncommitted changes are measured too: say so).
func gitCommit() string {
	out, err := exec.Command("git", "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no", "..").Output(); err == nil && len(strings.TrimSpace(string(st))) > 0 {
		c += " (with uncommitted changes)"
	}
	return c
}
