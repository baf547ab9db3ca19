// Command hello is a test program for Sable's WASI host: arguments,
// environment, standard streams and the exit code.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Println("hello from Go on wasip1")
	for i, a := range os.Args[1:] {
		fmt.Printf("arg %d: %q\n", i+1, a)
	}
	fmt.Printf("GREETING=%q\n", os.Getenv("GREETING"))
	_, ok := os.LookupEnv("UNSET")
	fmt.Println("UNSET present:", ok)
	sc := bufio.NewScanner(os.Stdin)
	n := 0
	for sc.Scan() {
		n++
		fmt.Printf("stdin %d: %s\n", n, strings.ToUpper(sc.Text()))
	}
	fmt.Fprintln(os.Stderr, "to stderr")
	os.Exit(3)
}
