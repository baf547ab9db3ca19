package wasm

// Address-space bounds. A memory of either address type must be
// addressable in bytes by that type; tables are bounded by their index type.
const (
	maxPages32 = 1 << 16 // 4 GiB of 64 KiB pages
	maxPages64 = 1 << 48 // 2^64 bytes
	maxTable32 = 1<<32 - 1
)

// checkFuncTypeIndex checks the type of a function: it must name a
// function type.
func (ctx *moduleCtx) checkFuncTypeIndex(x uint32) error {
	st := ctx.types.sub(x)
	if st == nil {
		return moduleErrorf(-1, "unknown type %d", x)
	}
	if st.Comp.Kind != CompFunc {
		return moduleErrorf(-1, "type mismatch: type %d is not a function type", x)
	}
	return nil
}

// checkTagType checks an exception tag's type: a function type without
// results (the results of a tag are what a handler would return to the
// thrower, which exceptions never do).
func (ctx *moduleCtx) checkTagType(t TagType) error {
	if err := ctx.checkFuncTypeIndex(t.Type); err != nil {
		return err
	}
	if len(ctx.types.funcType(t.Type).Results) != 0 {
		return moduleErrorf(-1, "non-empty tag result type (type %d)", t.Type)
	}
	return nil
}

func (ctx *moduleCtx) checkTableType(tt *TableType) error {
	l := &tt.Limits
	if !l.Is64 && (l.Min > maxTable32 || l.HasMax && l.Max > maxTable32) {
		return moduleErrorf(-1, "table size must be at most 2^32-1")
	}
	if err := checkLimitsOrder(l); err != nil {
		return err
	}
	if tt.Elem.Kind != Ref {
		return moduleErrorf(-1, "malformed reference type %s of table", tt.Elem)
	}
	return ctx.types.checkValType(tt.Elem)
}

func checkMemType(mt *MemType) error {
	l := &mt.Limits
	switch {
	case !l.Is64 && (l.Min > maxPages32 || l.HasMax && l.Max > maxPages32):
		return moduleErrorf(-1, "memory size must be at most 65536 pages (4GiB)")
	case l.Is64 && (l.Min > maxPages64 || l.HasMax && l.Max > maxPages64):
		return moduleErrorf(-1, "memory size must be at most 2^48 pages (16EiB)")
	case l.Shared:
		// Shared memories belong to the threads proposal, outside Wasm 3.0.
		return moduleErrorf(-1, "shared memories are not supported")
	}
	return checkLimitsOrder(l)
}

func checkLimitsOrder(l *Limits) error {
	if l.HasMax && l.Min > l.Max {
		return moduleErrorf(-1, "size minimum must not be greater than maximum")
	}
	return nil
}

// addrType is the type of addresses (and offsets) into a memory or table.
func addrType(l Limits) ValType {
	if l.Is64 {
		return TypeI64
	}
	return TypeI32
}

// validateGlobals checks each defined global's initializer; it may read
// the imported globals and the defined globals before it.
func (ctx *moduleCtx) validateGlobals() error {
	imported := len(ctx.globals) - len(ctx.m.Globals)
	for i := range ctx.m.Globals {
		g := &ctx.m.Globals[i]
		if err := validateConstExpr(ctx, g.Init, g.Type.Type, imported+i); err != nil {
			return err
		}
	}
	return nil
}

// validateTables checks the defined tables' initializers. A table without
// one is filled with null, which a non-nullable element type cannot hold.
// The table section precedes the global section, so initializers may read
// imported globals only.
func (ctx *moduleCtx) validateTables() error {
	imported := len(ctx.globals) - len(ctx.m.Globals)
	for i := range ctx.m.Tables {
		t := &ctx.m.Tables[i]
		if t.Init.Code == nil {
			if !t.Type.Elem.Nullable {
				return moduleErrorf(-1, "type mismatch: table %d of non-nullable type %s needs an initializer",
					len(ctx.tables)-len(ctx.m.Tables)+i, t.Type.Elem)
			}
			continue
		}
		if err := validateConstExpr(ctx, t.Init, t.Type.Elem, imported); err != nil {
			return err
		}
	}
	return nil
}

// validateStart checks that the start function exists and is [] -> [].
func (ctx *moduleCtx) validateStart() error {
	if ctx.m.Start == nil {
		return nil
	}
	x := *ctx.m.Start
	if uint64(x) >= uint64(len(ctx.funcs)) {
		return moduleErrorf(-1, "unknown function %d", x)
	}
	ft := ctx.types.funcType(ctx.funcs[x])
	if len(ft.Params) != 0 || len(ft.Results) != 0 {
		return moduleErrorf(-1, "start function %d must have type [] -> []", x)
	}
	return nil
}

// validateExports checks that every export names an existing entity and
// that export names are unique.
func (ctx *moduleCtx) validateExports() error {
	seen := make(map[string]struct{}, len(ctx.m.Exports))
	for i := range ctx.m.Exports {
		ex := &ctx.m.Exports[i]
		var n int
		what := ex.Kind.String()
		switch ex.Kind {
		case ExternFunc:
			n, what = len(ctx.funcs), "function" // the spec's word, not the keyword
		case ExternTable:
			n = len(ctx.tables)
		case ExternMemory:
			n = len(ctx.mems)
		case ExternGlobal:
			n = len(ctx.globals)
		case ExternTag:
			n = len(ctx.tags)
		default:
			return moduleErrorf(-1, "malformed export kind %d", ex.Kind)
		}
		if uint64(ex.Index) >= uint64(n) {
			return moduleErrorf(-1, "unknown %s %d", what, ex.Index)
		}
		if _, dup := seen[ex.Name]; dup {
			return moduleErrorf(-1, "duplicate export name %q", ex.Name)
		}
		seen[ex.Name] = struct{}{}
	}
	return nil
}

// validateCodes validates every function body (see validateFunc).
func (ctx *moduleCtx) validateCodes() error {
	m := ctx.m
	if len(m.Codes) != len(m.Funcs) {
		return moduleErrorf(-1, "function and code section have inconsistent lengths")
	}
	imported := len(ctx.funcs) - len(m.Funcs)
	for i := range m.Codes {
		if err := validateFunc(ctx, uint32(imported+i), &m.Codes[i]); err != nil {
			return err
		}
	}
	return nil
}
