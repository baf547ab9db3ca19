package execmem

import (
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Instruction-cache coherence on arm64.
//
// The architecture does not keep the instruction cache coherent with data
// stores: after writing code, the data cache lines must be cleaned to the
// point of unification (DC CVAU), the instruction cache lines invalidated
// (IC IVAU), each step completed with DSB ISH, and every core that will
// execute the code must then pass a context synchronization event (ISB, or
// an exception return) to drop instructions it fetched earlier.
//
// What Linux does: when a user-executable PTE is installed (set_pte_at,
// which mprotect(PROT_EXEC) goes through), arm64's __sync_icache_dcache
// performs that clean+invalidate for the page if its PG_dcache_clean flag is
// not yet set, which holds for a freshly faulted anonymous page. So a fresh
// mapping that is written once and then mprotect'd RX is coherent in
// practice. That is a kernel implementation detail, not an ABI promise, and
// it is once per page (the flag stays set), so we do not rely on it: Seal
// runs the architectural sequence below on the written range (skipping the
// steps CTR_EL0.IDC/DIC say this CPU does not need) and then makes every
// core of the process execute a context synchronization event with
// membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE), because the
// goroutine that runs the code may be scheduled on another thread, whose
// core never executed our ISB. Wasmtime does the same.

// flushICacheRange cleans and invalidates [start, end) and issues an ISB on
// the current core. Implemented in icache_arm64.s.
//
//go:noescape
func flushICacheRange(start, end uintptr)

func flushICache(code []byte) {
	start := uintptr(unsafe.Pointer(&code[0]))
	flushICacheRange(start, start+uintptr(len(code)))
}

// membarrier(2) commands (linux/membarrier.h; not in x/sys/unix).
const (
	membarrierCmdPrivateExpeditedSyncCore         = 1 << 5
	membarrierCmdRegisterPrivateExpeditedSyncCore = 1 << 6
)

// membarrierRegistered reports whether the process could register for
// SYNC_CORE membarriers (Linux 4.16+; not under every emulator).
var membarrierRegistered = sync.OnceValue(func() bool {
	_, _, errno := unix.Syscall(unix.SYS_MEMBARRIER, membarrierCmdRegisterPrivateExpeditedSyncCore, 0, 0)
	return errno == 0
})

// syncCores makes every running thread of the process execute a core
// serializing instruction. Threads not running get one on their next
// return from the kernel. Without kernel support nothing stronger is
// available to user space; the kernel's own flush on mprotect and the
// freshness of the pages are then what we rely on.
func syncCores() {
	if membarrierRegistered() {
		unix.Syscall(unix.SYS_MEMBARRIER, membarrierCmdPrivateExpeditedSyncCore, 0, 0)
	}
}
