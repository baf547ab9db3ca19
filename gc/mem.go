package gc

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// region is the heap's address-space reservation: mapped PROT_NONE and
// MAP_NORESERVE (nothing is charged for it), committed read-write as the
// spaces grow, and handed back to the kernel page by page with
// MADV_DONTNEED, after which the pages read as zero again.
type region struct {
	mem  []byte
	page uint64
}

func reserve(bytes uint64) (region, error) {
	mem, err := unix.Mmap(-1, 0, int(bytes), unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANON|unix.MAP_NORESERVE)
	if err != nil {
		return region{}, err
	}
	// Transparent huge pages, where the kernel offers them: allocation
	// runs through fresh memory front to back, and a 2 MiB page costs one
	// fault instead of 512. Best effort: without them the heap just faults
	// more often.
	unix.Madvise(mem, unix.MADV_HUGEPAGE)
	return region{mem: mem, page: uint64(unix.Getpagesize())}, nil
}

func (r region) base() unsafe.Pointer { return unsafe.Pointer(&r.mem[0]) }

// commit makes [from, to) readable and writable (rounded out to pages).
func (r region) commit(from, to uint64) error {
	from &^= r.page - 1
	to = (to + r.page - 1) &^ (r.page - 1)
	if from >= to {
		return nil
	}
	return unix.Mprotect(r.mem[from:to], unix.PROT_READ|unix.PROT_WRITE)
}

// release zeroes [from, to) of committed memory, returning whole pages to
// the kernel (they stay committed and read as zero) and clearing the
// partial pages at either end.
func (r region) release(from, to uint64) error {
	if from >= to {
		return nil
	}
	lo := (from + r.page - 1) &^ (r.page - 1)
	hi := to &^ (r.page - 1)
	if lo >= hi {
		clear(r.mem[from:to])
		return nil
	}
	clear(r.mem[from:lo])
	clear(r.mem[hi:to])
	return unix.Madvise(r.mem[lo:hi], unix.MADV_DONTNEED)
}

func (r region) free() error { return unix.Munmap(r.mem) }
