package compiler

// CSE merges equal pure instructions and drops repeated trap checks,
// scoped by the dominator tree: an instruction is replaced by an equal one
// in a dominating position (global value numbering without the fixpoint,
// which is enough for the redundancy the frontend produces: repeated
// constants, address arithmetic and divisor checks).
//
// A check is redundant under an identical dominating check because the
// first one passing (execution got here) implies the second passes; a
// cast to a non-nullable type passing implies a null check of the same
// value passes too. Bounds
// checks are left to BoundsCheckElim, which also compares extents.
func CSE(f *Func) {
	cfg := f.CFG()
	repl := make(replacer, len(f.Values))
	type undo struct {
		k       cseKey
		prev    Value
		present bool
	}
	table := map[cseKey]Value{}
	var log []undo
	var marks []int
	enter := func(b BlockID) {
		marks = append(marks, len(log))
		for id := f.Blocks[b].first; id != 0; {
			in := &f.Instrs[id]
			next := in.next
			repl.rewriteArgs(in)
			k, ok := cseKeyOf(in)
			if ok {
				if prev, found := table[k]; found {
					if len(in.Results) > 0 {
						repl[in.Results[0]] = prev
					}
					f.Remove(id)
				} else {
					prev, present := table[k]
					log = append(log, undo{k, prev, present})
					table[k] = in.Result() // 0 for a check
					if nk, ok := impliedNonNull(in); ok {
						prev, present := table[nk]
						log = append(log, undo{nk, prev, present})
						table[nk] = 0
					}
				}
			}
			id = next
		}
		repl.rewriteTerm(f, b)
	}
	leave := func(BlockID) {
		m := marks[len(marks)-1]
		marks = marks[:len(marks)-1]
		for i := len(log) - 1; i >= m; i-- {
			if u := log[i]; u.present {
				table[u.k] = u.prev
			} else {
				delete(table, u.k)
			}
		}
		log = log[:m]
	}
	cfg.walkDomTree(enter, leave)
}

// cseKey identifies an instruction up to its result.
type cseKey struct {
	op            Op
	typ           Type
	size          uint8
	ext           Ext
	num           uint32
	index, index2 uint32
	imm           uint64
	args          [3]Value
}

func cseKeyOf(in *Instr) (cseKey, bool) {
	if len(in.Args) > 3 || len(in.Results) > 1 {
		return cseKey{}, false
	}
	switch {
	case in.Op.IsPure():
	case in.Op.IsCheck() && in.Op != OpBoundsCheck && in.Op != OpTableBoundsCheck:
	default:
		return cseKey{}, false
	}
	k := cseKey{op: in.Op, typ: in.Type, size: in.Size, ext: in.Ext, num: uint32(in.Num),
		index: in.Index, index2: in.Index2, imm: in.Imm}
	copy(k.args[:], in.Args)
	return k, true
}

// impliedNonNull returns the key of the null check a passing cast to a
// non-nullable type makes redundant: the value it checked is not null.
func impliedNonNull(in *Instr) (cseKey, bool) {
	if in.Op != OpCastCheck || in.Index2 != 0 {
		return cseKey{}, false
	}
	return cseKeyOf(&Instr{Op: OpTrapIfNull, Args: in.Args})
}
