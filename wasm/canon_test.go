package wasm

import (
	"sync"
	"testing"
)

// Helpers that build type sections for tests.

func funcT(params, results []ValType) CompType {
	return CompType{Kind: CompFunc, Func: FuncType{Params: params, Results: results}}
}

func structT(fields ...FieldType) CompType { return CompType{Kind: CompStruct, Fields: fields} }

func arrayT(f FieldType) CompType { return CompType{Kind: CompArray, Fields: []FieldType{f}} }

func imm(t ValType) FieldType { return FieldType{Type: t} }

func mut(t ValType) FieldType { return FieldType{Type: t, Mutable: true} }

func refT(nullable bool, idx uint32) ValType { return RefType(nullable, HeapType(idx)) }

// final is a type written without `sub`; open is `(sub super* comp)`.
func final(c CompType) SubType { return SubType{Final: true, Comp: c} }

func open(c CompType, supers ...uint32) SubType { return SubType{Comp: c, Supers: supers} }

func finalSub(c CompType, super uint32) SubType {
	return SubType{Final: true, Comp: c, Supers: []uint32{super}}
}

// typesModule builds a module whose type section is the given recursion groups.
func typesModule(groups ...[]SubType) *Module {
	m := &Module{}
	for _, g := range groups {
		m.RecGroups = append(m.RecGroups, RecGroup{Start: uint32(len(m.Types)), Len: uint32(len(g))})
		m.Types = append(m.Types, g...)
	}
	return m
}

func rec(ts ...SubType) []SubType { return ts }

func TestRegistryStructuralIdentityAcrossModules(t *testing.T) {
	r := NewTypeRegistry()
	// Module A: (type $f (func)) (rec (type $s (struct (field (ref $s)) (field (ref $f))))).
	a := typesModule(
		rec(final(funcT(nil, nil))),
		rec(final(structT(imm(refT(false, 1)), imm(refT(false, 0))))),
	)
	// Module B defines the same types at different indices, after an
	// unrelated array type.
	b := typesModule(
		rec(final(arrayT(mut(TypeI32)))),
		rec(final(funcT(nil, nil))),
		rec(final(structT(imm(refT(false, 2)), imm(refT(false, 1))))),
	)
	ida, idb := r.Register(a), r.Register(b)
	if len(ida) != 2 || len(idb) != 3 {
		t.Fatalf("Register returned %v and %v", ida, idb)
	}
	if ida[0] != idb[1] || ida[1] != idb[2] {
		t.Errorf("equal types got different IDs: A=%v B=%v", ida, idb)
	}
	if idb[0] == idb[1] || idb[0] == idb[2] {
		t.Errorf("distinct types share an ID: %v", idb)
	}
	// The canonical definition refers to types by TypeID.
	s := r.Info(ida[1])
	if s == nil || s.Sub.Comp.Fields[0].Type.Heap != HeapType(ida[1]) || s.Sub.Comp.Fields[1].Type.Heap != HeapType(ida[0]) {
		t.Errorf("canonical struct definition = %+v, want fields referring to TypeIDs %d and %d", s, ida[1], ida[0])
	}
}

func TestRegistryIsoRecursiveEquality(t *testing.T) {
	r := NewTypeRegistry()
	// From type-rec.wast: (rec (type $f1 (func)) (type (struct (field (ref $f1))))).
	selfRef := func(start uint32) []SubType {
		return rec(final(funcT(nil, nil)), final(structT(imm(refT(false, start)))))
	}
	m := typesModule(selfRef(0), selfRef(2))
	ids := r.Register(m)
	if ids[0] != ids[2] || ids[1] != ids[3] {
		t.Errorf("identical rec groups not unified: %v", ids)
	}
	// (rec (type $f2 (func)) (type (struct (field (ref $f1))))) refers out of
	// its group (to type 0), so it differs from the self-referential group.
	m2 := typesModule(selfRef(0), rec(final(funcT(nil, nil)), final(structT(imm(refT(false, 0))))))
	ids2 := r.Register(m2)
	if ids2[0] == ids2[2] {
		t.Errorf("func types of different rec groups unified: %v", ids2)
	}
	// Same member types in a different order are different groups.
	swapped := typesModule(rec(final(structT()), final(funcT(nil, nil))), rec(final(funcT(nil, nil)), final(structT())))
	ids3 := r.Register(swapped)
	if ids3[1] == ids3[2] {
		t.Errorf("position inside rec group ignored: %v", ids3)
	}
	// A group of one is not the same as that type inside a bigger group.
	single := typesModule(rec(final(funcT(nil, nil))), rec(final(funcT(nil, nil)), final(structT())))
	ids4 := r.Register(single)
	if ids4[0] == ids4[1] {
		t.Errorf("singleton group unified with a member of a larger group: %v", ids4)
	}
}

func TestRegistryFinalityAndSupertypesAreStructure(t *testing.T) {
	r := NewTypeRegistry()
	f := funcT(nil, nil)
	m := typesModule(
		rec(final(f)),       // 0: (type (func))
		rec(open(f)),        // 1: (type (sub (func)))
		rec(open(f, 1)),     // 2: (type (sub 1 (func)))
		rec(open(f)),        // 3: same as 1
		rec(open(f, 3)),     // 4: same as 2, since 3 == 1
		rec(finalSub(f, 1)), // 5: (type (sub final 1 (func)))
		rec(final(funcT(nil, []ValType{TypeI32}))),
	)
	ids := r.Register(m)
	if ids[0] == ids[1] {
		t.Error("final and non-final types unified")
	}
	if ids[1] != ids[3] || ids[2] != ids[4] {
		t.Errorf("equal declarations not unified: %v", ids)
	}
	if ids[2] == ids[5] || ids[1] == ids[2] {
		t.Errorf("supertype or finality ignored: %v", ids)
	}
	if !r.IsSubtype(ids[4], ids[1]) || !r.IsSubtype(ids[5], ids[3]) || r.IsSubtype(ids[1], ids[2]) || r.IsSubtype(ids[0], ids[1]) {
		t.Error("IsSubtype disagrees with the declared supertypes")
	}
	if d := r.Info(ids[2]).Depth; d != 1 {
		t.Errorf("depth of a direct subtype = %d, want 1", d)
	}
}

func TestTypeInfoDeepChains(t *testing.T) {
	const n = 3*displayLen + 5
	var groups [][]SubType
	groups = append(groups, rec(open(structT())))
	for i := 1; i < n; i++ {
		// Each type adds a field, so no two are equal.
		fields := make([]FieldType, i)
		for j := range fields {
			fields[j] = imm(TypeI32)
		}
		groups = append(groups, rec(open(structT(fields...), uint32(i-1))))
	}
	// A sibling branch off the middle of the chain.
	groups = append(groups, rec(open(structT(imm(TypeI64)), uint32(n/2))))
	r := NewTypeRegistry()
	ids := r.Register(typesModule(groups...))
	for _, pair := range [][2]int{{n - 1, 0}, {n - 1, displayLen - 1}, {n - 1, displayLen}, {n - 1, n - 2}, {n - 1, 2 * displayLen}, {n, n / 2}, {n, 0}} {
		if !r.IsSubtype(ids[pair[0]], ids[pair[1]]) {
			t.Errorf("type %d should be a subtype of %d", pair[0], pair[1])
		}
	}
	for _, pair := range [][2]int{{0, 1}, {n / 2, n/2 + 1}, {n, n/2 + 1}, {n, n - 1}, {n - 1, n}} {
		if r.IsSubtype(ids[pair[0]], ids[pair[1]]) {
			t.Errorf("type %d should not be a subtype of %d", pair[0], pair[1])
		}
	}
	if d := r.Info(ids[n-1]).Depth; d != n-1 {
		t.Errorf("depth = %d, want %d", d, n-1)
	}
}

func TestRegistryConcurrentRegistration(t *testing.T) {
	r := NewTypeRegistry()
	build := func() *Module {
		return typesModule(
			rec(open(structT(mut(TypeI32)))),
			rec(open(structT(mut(TypeI32), imm(refT(true, 1))), 0), final(funcT([]ValType{refT(false, 1)}, nil))),
		)
	}
	const workers = 8
	results := make([][]TypeID, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[w] = r.Register(build())
			for _, id := range results[w] {
				_ = r.Info(id).Depth
			}
		}()
	}
	wg.Wait()
	for w := 1; w < workers; w++ {
		for i := range results[0] {
			if results[w][i] != results[0][i] {
				t.Fatalf("worker %d got %v, worker 0 got %v", w, results[w], results[0])
			}
		}
	}
}

func TestRegistryRejectsBadlyScopedModules(t *testing.T) {
	r := NewTypeRegistry()
	cases := map[string]*Module{
		"forward reference": typesModule(rec(final(funcT([]ValType{refT(false, 1)}, nil))), rec(final(funcT(nil, nil)))),
		"forward supertype": typesModule(rec(open(structT(), 1), open(structT()))),
		"groups overlap":    {Types: []SubType{final(structT())}, RecGroups: []RecGroup{{0, 1}, {0, 1}}},
		"groups too long":   {Types: []SubType{final(structT())}, RecGroups: []RecGroup{{0, 2}}},
		"groups too short":  {Types: []SubType{final(structT()), final(structT())}, RecGroups: []RecGroup{{0, 1}}},
	}
	for name, m := range cases {
		if ids := r.Register(m); ids != nil {
			t.Errorf("%s: Register = %v, want nil", name, ids)
		}
	}
	if r.Info(1<<30) != nil {
		t.Error("Info of an unknown ID should be nil")
	}
}
