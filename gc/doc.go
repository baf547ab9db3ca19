// Package gc is the WebAssembly GC heap of a Store and its collector.
//
// The object layout, the reference encoding and the size rule are the
// contract of package abi (abi/gc.go); this package allocates and collects
// by them and defines nothing of its own that generated code relies on,
// except the values it keeps in abi.ExecContext.GCAllocPtr and
// GCAllocLimit.
//
// # The heap
//
// A Heap is one mmap'd reservation that Go's collector never scans: a
// guard page at offset 0 (so that the null reference is never an object),
// two semispaces, one of which holds the old generation, and a nursery.
// Its base address never changes, so a u32 offset from it names an object
// anywhere in it. Spaces are committed as they grow; Config.Limit caps
// the old generation and the nursery's capacity together.
//
// New objects are born in the nursery. Generated code allocates there
// inline by bumping ExecContext.GCAllocPtr towards GCAllocLimit, both heap
// offsets; every byte between them is zero, so it writes only the header
// and the non-zero fields. When the space does not suffice it exits to Go,
// which calls Alloc. Objects larger than half the nursery are allocated
// directly in the old generation.
//
// # Collection
//
// The collector is precise and moving, and generational without a write
// barrier. A minor collection copies the nursery's survivors to the end of
// the old generation; it finds the old objects that may refer to the
// nursery without a remembered set, because only objects whose type has a
// mutable reference field (Layout.MutableRefs), and objects allocated
// directly in the old generation, can acquire a reference to a younger
// object — the collector keeps a list of those as it copies and
// allocates them. A major collection (when the old generation has doubled
// since the last one, or the heap nears its limit) copies everything
// reachable into the other semispace, Cheney style.
//
// The collector knows nothing of stacks, instances or compiled code: its
// caller passes a Roots that visits every word outside the heap holding a
// reference (stack-map slots of every Wasm frame, globals, tables, element
// segments, references Go code holds), and the collector rewrites each
// one. Object sizes and reference slots come from Types, a
// per-canonical-type table the runtime fills as modules are compiled.
//
// Forwarding uses only what belongs to the collector: bit 0 of the
// header's flag field marks a copied object and the type-id word holds its
// new offset. Every object has a full header, so no object is too small to
// forward, and no user data is ever overwritten.
//
// Every reference the collector follows into the space it evacuates is
// checked: inside that space, 8-aligned, with a valid header and a known
// type id of that kind. A reference that fails is a bug elsewhere
// (generated code, a stack map); the collection fails with ErrCorrupt
// instead of reading or writing outside the heap, and the Heap refuses
// further work.
//
// # Debugging aids
//
// Config.Stress collects at every allocation that reaches Go, minor and
// major in turn, and keeps GCAllocLimit equal to GCAllocPtr, so that
// generated code takes the slow path for every object: any reference a
// stack map missed then moves under the code's feet at the first
// allocation. Config.Poison fills evacuated space with PoisonWord instead
// of returning it to the kernel and does not reuse a nursery's space at
// once, so a stale reference reads an invalid header, length or reference
// rather than plausible data. Both are set by SABLE_GC_STRESS=1
// (StressFromEnv).
package gc
