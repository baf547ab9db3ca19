// Package execmem maps the memory generated code needs: W^X code segments and
// Wasm stacks with a guard page. Linux only, through golang.org/x/sys/unix.
package execmem

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Segment is a mapping for generated code. It starts read-write; Seal makes
// it read-execute. It is never writable and executable at once.
type Segment struct {
	mem    []byte
	sealed bool
}

// Alloc maps a read-write segment of at least size bytes (rounded up to
// whole pages) for the caller to fill with code and resolve relocations in.
func Alloc(size int) (*Segment, error) {
	if size <= 0 {
		return nil, errors.New("execmem: empty code segment")
	}
	mem, err := unix.Mmap(-1, 0, roundPage(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, err
	}
	return &Segment{mem: mem}, nil
}

// Load maps code into a new sealed segment.
func Load(code []byte) (*Segment, error) {
	s, err := Alloc(len(code))
	if err != nil {
		return nil, err
	}
	copy(s.mem, code)
	if err := s.Seal(); err != nil {
		s.Free()
		return nil, err
	}
	return s, nil
}

// Addr is the address of the first byte of the segment.
func (s *Segment) Addr() uintptr { return uintptr(unsafe.Pointer(&s.mem[0])) }

// Len is the size of the mapping in bytes.
func (s *Segment) Len() int { return len(s.mem) }

// Bytes is the segment's memory, for writing code until Seal. After Seal it
// is read-only: writing through it faults.
func (s *Segment) Bytes() []byte { return s.mem }

// Seal makes the written code executable: it synchronizes the instruction
// cache with the data just written (see flushICache), then remaps the pages
// read-execute, dropping write permission in the same call.
func (s *Segment) Seal() error {
	if s.sealed {
		return errors.New("execmem: segment already sealed")
	}
	flushICache(s.mem)
	if err := unix.Mprotect(s.mem, unix.PROT_READ|unix.PROT_EXEC); err != nil {
		return err
	}
	s.sealed = true
	syncCores()
	return nil
}

// Free unmaps the segment. No code in it may be running or run again.
func (s *Segment) Free() error {
	err := unix.Munmap(s.mem)
	s.mem = nil
	return err
}

// Stack is a Wasm stack: size usable bytes with a PROT_NONE guard page
// below them. Function prologues compare SP against a limit above the guard
// (ExecContext.StackLimit) and trap before reaching it; the guard turns a
// missed check into a fault instead of silent corruption of whatever is
// mapped below.
type Stack struct {
	mem   []byte // guard page followed by the usable stack
	guard int
}

// NewStack maps a stack of at least size usable bytes, rounded up to pages.
// MAP_NORESERVE: untouched stack pages cost neither memory nor swap
// reservation, so a generous size is cheap.
func NewStack(size int) (*Stack, error) {
	if size <= 0 {
		return nil, errors.New("execmem: empty stack")
	}
	guard := unix.Getpagesize()
	mem, err := unix.Mmap(-1, 0, guard+roundPage(size), unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANON|unix.MAP_NORESERVE)
	if err != nil {
		return nil, err
	}
	if err := unix.Mprotect(mem[guard:], unix.PROT_READ|unix.PROT_WRITE); err != nil {
		unix.Munmap(mem)
		return nil, err
	}
	return &Stack{mem: mem, guard: guard}, nil
}

// Top is the address just past the highest usable byte: the initial SP. It
// is page-aligned, hence 16-byte aligned as both ISAs require.
func (s *Stack) Top() uintptr { return uintptr(unsafe.Pointer(&s.mem[0])) + uintptr(len(s.mem)) }

// Base is the lowest usable address, just above the guard page.
func (s *Stack) Base() uintptr { return uintptr(unsafe.Pointer(&s.mem[s.guard])) }

// Free unmaps the stack. No activation may be using it.
func (s *Stack) Free() error {
	err := unix.Munmap(s.mem)
	s.mem = nil
	return err
}

func roundPage(n int) int {
	p := unix.Getpagesize()
	return (n + p - 1) &^ (p - 1)
}
