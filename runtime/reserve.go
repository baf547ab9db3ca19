package runtime

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// reservation is address space reserved for a memory or a table: mapped
// PROT_NONE and MAP_NORESERVE (no memory or swap is charged for it), then
// committed front to back as the memory or table grows. Reserving the
// maximum up front is what keeps the base address fixed, so generated code
// can hold it across calls and Memory.Bytes slices stay valid.
type reservation struct{ mem []byte }

func reserve(bytes uint64) (reservation, error) {
	page := uint64(unix.Getpagesize())
	if bytes < page {
		bytes = page // a zero-sized memory still needs a unique, valid base
	}
	bytes = (bytes + page - 1) &^ (page - 1)
	if bytes > uint64(maxInt) {
		return reservation{}, ErrLimit
	}
	mem, err := unix.Mmap(-1, 0, int(bytes), unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANON|unix.MAP_NORESERVE)
	if err != nil {
		return reservation{}, err
	}
	return reservation{mem: mem}, nil
}

const maxInt = int(^uint(0) >> 1)

// commit makes bytes [from, to) readable and writable. Pages there were
// never touched, so they read as zero, as new memory and table space must.
func (r reservation) commit(from, to uint64) error {
	if from >= to {
		return nil
	}
	page := uint64(unix.Getpagesize())
	from &^= page - 1
	to = (to + page - 1) &^ (page - 1)
	return unix.Mprotect(r.mem[from:to], unix.PROT_READ|unix.PROT_WRITE)
}

func (r reservation) base() uintptr { return uintptr(unsafe.Pointer(&r.mem[0])) }

func (r reservation) free() { unix.Munmap(r.mem) }
