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
// guard page at offset 0 (so that the null reference is never an object)
// and two semispaces of Config.Limit bytes each. Its base address never
// changes, so a u32 offset from it names an object in either space. The
// active space is committed as it grows; its capacity is the most the
// mutator may fill before the next collection and grows, after each
// collection, to a multiple of the live data, never beyond the limit.
//
// Generated code allocates inline by bumping ExecContext.GCAllocPtr
// towards GCAllocLimit, both heap offsets; every byte between them is
// zero, so it writes only the header and the non-zero fields. When the
// space does not suffice it exits to Go, which calls Alloc.
//
// # Collection
//
// The collector is a Cheney semispace copier: precise and moving. It knows
// nothing of stacks, instances or compiled code: its caller passes a Roots
// that visits every word outside the heap holding a reference (stack-map
// slots of every Wasm frame, globals, tables, element segments, references
// Go code holds), and the collector rewrites each one. Object sizes and
// reference slots come from Types, a per-canonical-type table the runtime
// fills as modules are compiled.
//
// Forwarding uses only what belongs to the collector: bit 0 of the
// header's flag field marks a copied object and the type-id word holds its
// new offset. Every object has a full header, so no object is too small to
// forward, and no user data is ever overwritten.
//
// Every reference the collector follows is checked: inside the space being
// evacuated, 8-aligned, with a valid kind and a known type id of that kind.
// A reference that fails is a bug elsewhere (generated code, a stack map);
// the collection fails with ErrCorrupt instead of reading or writing
// outside the heap, and the Heap refuses further work.
//
// # Debugging aids
//
// Config.Stress collects at every allocation that reaches Go and keeps
// GCAllocLimit equal to GCAllocPtr, so that generated code takes the slow
// path for every object: any reference a stack map missed then moves under
// the code's feet at the first allocation. Config.Poison fills evacuated
// space with PoisonWord instead of returning it to the kernel, so a stale
// reference reads an invalid header, length or reference rather than
// plausible old data. Both are set by SABLE_GC_STRESS=1 (StressFromEnv).
package gc
