// Package wasiprog knows the real WASI programs Sable's tests run: Go
// programs built with GOOS=wasip1 and C programs built with clang and
// wasi-libc, whose sources are in wasi/testdata. It builds them with the
// toolchains of this machine (never using binaries from elsewhere),
// caches the builds, and states what each must print and exit with.
// Package wasi's tests run them under Sable; the bench module's tests
// run them under wazero too and compare the two byte for byte.
package wasiprog

// Program is one test program and the run it is checked with.
type Program struct {
	Name   string // "go/hello", "c/files", ...
	Lang   string // "go" or "c"
	Source string // relative to the repository root: a package directory (go) or a .c file
	// Args follow argv[0]; Env is the whole environment; Stdin is fed
	// to descriptor 0.
	Args  []string
	Env   []string
	Stdin string
	// Files are created in a fresh directory, pre-opened as DataDir,
	// beside a file "secret.txt" outside it that no program may read.
	Files map[string]string
	// What the run must print and exit with.
	Stdout, Stderr string
	ExitCode       uint32
	// FilesAfter, if set, is what the directory must hold afterwards
	// (names relative to it, regular files only).
	FilesAfter map[string]string
}

// DataDir is the module's name for the directory of Program.Files.
const DataDir = "/data"

// Programs are the test programs.
var Programs = []Program{
	{
		Name: "go/hello", Lang: "go", Source: "wasi/testdata/go/hello",
		Args:  []string{"a", "b c", "ünï"},
		Env:   []string{"GREETING=hi there"},
		Stdin: "line one\nline two\n",
		Stdout: "hello from Go on wasip1\n" +
			"arg 1: \"a\"\narg 2: \"b c\"\narg 3: \"ünï\"\n" +
			"GREETING=\"hi there\"\nUNSET present: false\n" +
			"stdin 1: LINE ONE\nstdin 2: LINE TWO\n",
		Stderr:   "to stderr\n",
		ExitCode: 3,
	},
	{
		Name: "go/jsonrt", Lang: "go", Source: "wasi/testdata/go/jsonrt",
		Stdout: jsonrtStdout,
	},
	{
		Name: "go/fileio", Lang: "go", Source: "wasi/testdata/go/fileio",
		Args:   []string{DataDir},
		Files:  map[string]string{"input.txt": "hello\nworld\n"},
		Stdout: fileioStdout,
		FilesAfter: map[string]string{
			"input.txt": "hello\nworld\n",
			"out.txt":   "HELLO\nWORL",
		},
	},
	{
		Name: "c/hello", Lang: "c", Source: "wasi/testdata/c/hello.c",
		Args:  []string{"one", "two three"},
		Env:   []string{"GREETING=yo"},
		Stdin: "abc\nxyz\n",
		Stdout: "hello from C on wasi-libc\n" +
			"arg 1: \"one\"\narg 2: \"two three\"\n" +
			"GREETING=yo\nUNSET present: 0\n" +
			"stdin 1: ABC\nstdin 2: XYZ\n",
		Stderr:   "to stderr\n",
		ExitCode: 7,
	},
	{
		Name: "c/files", Lang: "c", Source: "wasi/testdata/c/files.c",
		Args:   []string{DataDir},
		Files:  map[string]string{"input.txt": "hello\n"},
		Stdout: filesStdout,
	},
	{
		Name: "c/compute", Lang: "c", Source: "wasi/testdata/c/compute.c",
		Stdout: computeStdout,
	},
}

const jsonrtStdout = `{
  "name": "sable",
  "count": -9007199254740992,
  "ratio": 1.0471975511965979,
  "tags": [
    "wasm",
    "wasi",
    "go"
  ],
  "attrs": {
    "a": 1,
    "b": 2,
    "c": 3
  },
  "points": [
    {
      "X": 1.5,
      "Y": -2.25
    },
    {
      "X": 1.7976931348623157e+308,
      "Y": 5e-324
    },
    {
      "X": 1e+21,
      "Y": 1e-7
    }
  ],
  "nested": {
    "name": "inner",
    "count": 0,
    "ratio": 0,
    "tags": [],
    "attrs": null,
    "points": null,
    "raw": null,
    "unicode": "",
    "extra": null,
    "flags": null
  },
  "raw": {
    "k": [
      1,
      2,
      3
    ]
  },
  "unicode": "héllo, 世界 \u2028 \u003c\u0026\u003e \"quoted\"",
  "extra": {
    "l": [
      true,
      null,
      1e+100
    ],
    "n": 12345678.5,
    "s": "x"
  },
  "flags": {
    "off": false,
    "on": true
  }
}
round trip identical: true
deep equal: true true
attrs: map[string]interface {}
count: float64
extra: map[string]interface {}
flags: map[string]interface {}
name: string
nested: map[string]interface {}
points: []interface {}
ratio: float64
raw: map[string]interface {}
tags: []interface {}
unicode: string
bad input: json: cannot unmarshal string into Go struct field Doc.count of type int64
`

const fileioStdout = `input: 12 bytes, 2 lines
at 6: "WORLD"
out.txt: size 21, regular true
truncated: "HELLO\nWORL"
link -> moved
link is symlink: true
dir . -1
dir sub -1
dir sub/deeper -1
file input.txt 12
file out.txt 10
file sub/deeper/f1 1
file sub/deeper/f2 2
file sub/moved 0
link sub/link -1
removed file gone: true
non-empty dir refused: true
escape by .. refused: true
absolute path outside refused: true
left: input.txt
left: out.txt
`

const filesStdout = `input: 6 bytes: hello
byte 500: 172 (want 172)
pread: XYZ
size after truncate: 100, regular: 1
mkdir again: -1, EEXIST: 1
readlink: renamed
lstat link: 1, stat target regular: 1, size 2
entry: .
entry: ..
entry: file1
entry: file2
entry: file3
entry: file4
entry: link
entry: renamed
unlink again: -1, ENOENT: 1
rmdir non-empty: -1, ENOTEMPTY: 1
escape by ..: refused
absolute outside: refused
`

const computeStdout = `primes below 100000: 9592
xorshift: 11825283492647295156 2872787088269212297
-6.2833169663414719 -0x1.9221dd7c35aaep+2
-3.3909301637977958 -0x1.b209ffe64406cp+1
-1.1883643080364212 -0x1.3038a4aec0068p+0
1.0955700184500949 0x1.187746d7b8a57p+0
3.3836721544792727 0x1.b11c2b4defea4p+1
float: 1.05513573, nearbyint(2.5)=2, rint(-3.5)=-4, trunc(-2.7)=-2
special: inf -inf -0 1
crc32 of 1 MiB: 3907b5ba
after memmove: aafkpuzejo
clock_gettime: 1
time after 2020: 1
getentropy: 1
`
