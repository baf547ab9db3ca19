// Package offheap allocates small records that machine code reads and
// writes (memory and table definitions, global cells, function records of
// host functions) in mmap'd memory, outside the Go heap: their addresses
// never change, the collector never scans them, and machine code may store
// into them without write barriers.
package offheap

import (
	"errors"
	"unsafe"

	"golang.org/x/sys/unix"
)

const chunkSize = 64 << 10

// Arena is a bump allocator over mmap'd chunks. Everything it hands out
// lives until Free. The zero Arena is ready to use; it is not safe for
// concurrent use.
type Arena struct {
	chunks [][]byte
	used   int // bytes used in the last chunk
}

// New returns a zeroed T in the arena. T must hold no Go pointers (the
// collector does not see the arena) and its alignment must divide 16.
func New[T any](a *Arena) (*T, error) {
	var zero T
	p, err := a.alloc(int(unsafe.Sizeof(zero)))
	if err != nil {
		return nil, err
	}
	return (*T)(p), nil
}

// alloc returns size zeroed bytes aligned to 16.
func (a *Arena) alloc(size int) (unsafe.Pointer, error) {
	if size <= 0 || size > chunkSize {
		return nil, errors.New("offheap: bad allocation size")
	}
	size = (size + 15) &^ 15
	if len(a.chunks) == 0 || a.used+size > chunkSize {
		mem, err := unix.Mmap(-1, 0, chunkSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
		if err != nil {
			return nil, err
		}
		a.chunks = append(a.chunks, mem)
		a.used = 0
	}
	p := unsafe.Pointer(&a.chunks[len(a.chunks)-1][a.used])
	a.used += size
	return p, nil
}

// Free unmaps everything the arena allocated.
func (a *Arena) Free() {
	for _, c := range a.chunks {
		unix.Munmap(c)
	}
	a.chunks, a.used = nil, 0
}
