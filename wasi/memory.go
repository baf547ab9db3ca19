package wasi

import (
	"encoding/binary"
	"errors"
	"unicode/utf8"

	"github.com/sablewasm/sable/runtime"
)

var le = binary.LittleEndian

// memory is the caller's linear memory during one host call. Every
// access is bounds-checked: a pointer the module gets wrong is EFAULT,
// never a Go panic and never a write outside the memory.
type memory []byte

// slice returns n bytes at p.
func (m memory) slice(p, n uint32) ([]byte, bool) {
	end := uint64(p) + uint64(n)
	if end > uint64(len(m)) {
		return nil, false
	}
	return m[p:end:end], true
}

func (m memory) u32(p uint32) (uint32, bool) {
	b, ok := m.slice(p, 4)
	if !ok {
		return 0, false
	}
	return le.Uint32(b), true
}

func (m memory) putU32(p, v uint32) bool {
	b, ok := m.slice(p, 4)
	if ok {
		le.PutUint32(b, v)
	}
	return ok
}

func (m memory) putU64(p uint32, v uint64) bool {
	b, ok := m.slice(p, 8)
	if ok {
		le.PutUint64(b, v)
	}
	return ok
}

// write copies b to p.
func (m memory) write(p uint32, b []byte) bool {
	dst, ok := m.slice(p, uint32(len(b)))
	if ok {
		copy(dst, b)
	}
	return ok
}

// iovecs returns the buffers of the n iovecs at p, aliasing the memory.
func (m memory) iovecs(p, n uint32) ([][]byte, Errno) {
	if uint64(n)*iovecSize > uint64(len(m)) {
		return nil, ErrnoFault
	}
	vec, ok := m.slice(p, n*iovecSize)
	if !ok {
		return nil, ErrnoFault
	}
	bufs := make([][]byte, n)
	for i := range bufs {
		b, ok := m.slice(le.Uint32(vec[8*i:]), le.Uint32(vec[8*i+4:]))
		if !ok {
			return nil, ErrnoFault
		}
		bufs[i] = b
	}
	return bufs, ErrnoSuccess
}

// path reads a path argument: n bytes at p, UTF-8 (EILSEQ otherwise),
// without NUL (EINVAL: no host call could take it).
func (m memory) path(p, n uint32) (string, Errno) {
	b, ok := m.slice(p, n)
	if !ok {
		return "", ErrnoFault
	}
	if !utf8.Valid(b) {
		return "", ErrnoIlseq
	}
	for _, c := range b {
		if c == 0 {
			return "", ErrnoInval
		}
	}
	return string(b), ErrnoSuccess
}

// memoryCache finds the memory of the instance calling a host function:
// its export "memory", as WASI requires. Looking the export up is a map
// access; the cache makes it one comparison for the usual case of one
// instance making every call.
type memoryCache struct {
	inst *runtime.Instance
	mem  *runtime.Memory
}

var errNoMemory = errors.New(`wasi: the calling module exports no memory "memory"`)

func (c *memoryCache) of(caller *runtime.Caller) (memory, error) {
	inst := caller.Instance()
	if inst != c.inst && inst != nil {
		c.inst, c.mem = inst, inst.Memory("memory")
	}
	// A call from Go or a tail call into the host function has no
	// calling instance: it can only be the instance that called last.
	if c.mem == nil {
		return nil, errNoMemory
	}
	return memory(c.mem.Bytes()), nil
}
