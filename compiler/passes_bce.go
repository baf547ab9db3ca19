package compiler

// BoundsCheckElim removes memory and table bounds checks that a
// dominating check already proves.
//
// Why dominance alone is enough: a check that traps stops execution, so
// reaching a point dominated by a check means the check passed there:
// base + extent <= length at that moment. Memories and tables only ever
// grow (memory.grow and table.grow append; nothing in Wasm 3.0 shrinks
// them, shared memories included), so the length at any later point is at
// least as large, and any later check of the same base value with an
// extent no larger passes too. Calls and grows in between therefore do not
// invalidate anything. (They do invalidate a memory base or length a
// backend caches in registers; that is the backend's business, not a
// property of the check.)
//
// Checks are keyed by (op, memory or table, base value). A constant
// address is keyed as "no base" with the constant folded into the extent,
// so checks of different constant addresses subsume each other too, and a
// constant address that ends within the memory's declared minimum needs no
// check at all (C code addresses its static data that way).
func BoundsCheckElim(f *Func) {
	cfg := f.CFG()
	type key struct {
		op    Op
		index uint32
		base  Value
	}
	type undo struct {
		k       key
		prev    uint64
		present bool
	}
	known := map[key]uint64{}
	var log []undo
	var marks []int
	enter := func(b BlockID) {
		marks = append(marks, len(log))
		for id := f.Blocks[b].first; id != 0; {
			in := &f.Instrs[id]
			next := in.next
			if in.Op == OpBoundsCheck || in.Op == OpTableBoundsCheck {
				extent := in.Imm
				if in.Op == OpTableBoundsCheck {
					extent = 1
				}
				k := key{in.Op, in.Index, in.Args[0]}
				if c, ok := constOf(f, in.Args[0]); ok {
					k.base = 0
					extent = satAdd(c, extent)
					if in.Op == OpBoundsCheck && extent <= f.MemMinBytes[in.Index] {
						f.Remove(id)
						id = next
						continue
					}
				}
				prev, present := known[k]
				if present && prev >= extent {
					f.Remove(id)
				} else {
					log = append(log, undo{k, prev, present})
					known[k] = extent
				}
			}
			id = next
		}
	}
	leave := func(BlockID) {
		m := marks[len(marks)-1]
		marks = marks[:len(marks)-1]
		for i := len(log) - 1; i >= m; i-- {
			u := log[i]
			if u.present {
				known[u.k] = u.prev
			} else {
				delete(known, u.k)
			}
		}
		log = log[:m]
	}
	cfg.walkDomTree(enter, leave)
}

func satAdd(a, b uint64) uint64 {
	if s := a + b; s >= a {
		return s
	}
	return ^uint64(0)
}
