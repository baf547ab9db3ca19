// Command fileio is a test program for Sable's WASI host: file I/O in a
// pre-opened directory, named by its only argument.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func check(what string, err error) {
	if err != nil {
		fmt.Printf("%s: %v\n", what, err)
		os.Exit(1)
	}
}

func main() {
	dir := os.Args[1]
	in, err := os.ReadFile(filepath.Join(dir, "input.txt"))
	check("read input", err)
	fmt.Printf("input: %d bytes, %d lines\n", len(in), strings.Count(string(in), "\n"))

	out := filepath.Join(dir, "out.txt")
	check("write", os.WriteFile(out, []byte(strings.ToUpper(string(in))), 0o644))
	f, err := os.OpenFile(out, os.O_RDWR|os.O_APPEND, 0)
	check("open append", err)
	_, err = f.WriteString("appended\n")
	check("append", err)
	pos, err := f.Seek(6, io.SeekStart)
	check("seek", err)
	buf := make([]byte, 5)
	_, err = io.ReadFull(f, buf)
	check("read at 6", err)
	fmt.Printf("at %d: %q\n", pos, buf)
	fi, err := f.Stat()
	check("stat", err)
	fmt.Printf("out.txt: size %d, regular %v\n", fi.Size(), fi.Mode().IsRegular())
	check("truncate", f.Truncate(10))
	check("close", f.Close())
	b, err := os.ReadFile(out)
	check("reread", err)
	fmt.Printf("truncated: %q\n", b)

	sub := filepath.Join(dir, "sub", "deeper")
	check("mkdir", os.MkdirAll(sub, 0o755))
	for i := range 3 {
		check("create", os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%d", i)), []byte(strings.Repeat("x", i)), 0o644))
	}
	check("rename", os.Rename(filepath.Join(sub, "f0"), filepath.Join(dir, "sub", "moved")))
	check("symlink", os.Symlink("moved", filepath.Join(dir, "sub", "link")))
	target, err := os.Readlink(filepath.Join(dir, "sub", "link"))
	check("readlink", err)
	fmt.Println("link ->", target)
	li, err := os.Lstat(filepath.Join(dir, "sub", "link"))
	check("lstat", err)
	fmt.Println("link is symlink:", li.Mode()&fs.ModeSymlink != 0)

	var walked []string
	check("walk", filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		kind := "file"
		switch {
		case d.IsDir():
			kind = "dir"
		case d.Type()&fs.ModeSymlink != 0:
			kind = "link"
		}
		size := int64(-1)
		if kind == "file" {
			info, err := d.Info()
			if err != nil {
				return err
			}
			size = info.Size()
		}
		walked = append(walked, fmt.Sprintf("%s %s %d", kind, rel, size))
		return nil
	}))
	sort.Strings(walked)
	for _, w := range walked {
		fmt.Println(w)
	}

	check("remove", os.Remove(filepath.Join(sub, "f1")))
	_, err = os.Stat(filepath.Join(sub, "f1"))
	fmt.Println("removed file gone:", errors.Is(err, fs.ErrNotExist))
	err = os.Remove(filepath.Join(dir, "sub"))
	fmt.Println("non-empty dir refused:", err != nil)

	// Outside the preopen: no host file may be reached.
	_, err = os.ReadFile(filepath.Join(dir, "..", "secret.txt"))
	fmt.Println("escape by .. refused:", err != nil)
	_, err = os.ReadFile("/etc/passwd")
	fmt.Println("absolute path outside refused:", err != nil)
	check("remove all", os.RemoveAll(filepath.Join(dir, "sub")))
	ents, err := os.ReadDir(dir)
	check("readdir", err)
	for _, e := range ents {
		fmt.Println("left:", e.Name())
	}
}
