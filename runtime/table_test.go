package runtime

import (
	"context"
	"errors"
	"testing"
)

func TestTable(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	f, err := NewHostFunc(func() {})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := st.NewTable(TableType{Elem: TypeFuncRef, Limits: Limits{Min: 2, Max: 4, HasMax: true}}, FuncRef(f))
	if err != nil {
		t.Fatal(err)
	}
	if tb.Size() != 2 {
		t.Fatalf("Size = %d", tb.Size())
	}
	// The initial value fills the table, and a funcref keeps its identity.
	v, err := tb.Get(1)
	if err != nil || v.Func() != f {
		t.Fatalf("Get(1) = %v, %v", v, err)
	}
	if err := tb.Set(0, NullRef(HeapFunc)); err != nil {
		t.Fatal(err)
	}
	if v, _ := tb.Get(0); !v.IsNull() {
		t.Errorf("Get(0) = %v after storing null", v)
	}
	if _, err := tb.Get(2); !errors.Is(err, ErrOutOfBoundsTable) {
		t.Errorf("Get(2): %v", err)
	}
	if err := tb.Set(2, FuncRef(f)); !errors.Is(err, ErrOutOfBoundsTable) {
		t.Errorf("Set(2): %v", err)
	}
	// Only references of the element type fit.
	if err := tb.Set(0, ExternRef(1)); err == nil {
		t.Error("stored an externref in a funcref table")
	}
	if err := tb.Set(0, I32(1)); err == nil {
		t.Error("stored an i32 in a funcref table")
	}
	if old, err := tb.Grow(2, NullRef(HeapFunc)); err != nil || old != 2 {
		t.Fatalf("Grow = %d, %v", old, err)
	}
	if v, _ := tb.Get(3); !v.IsNull() {
		t.Errorf("grown element = %v", v)
	}
	if _, err := tb.Grow(1, NullRef(HeapFunc)); !errors.Is(err, ErrLimit) {
		t.Errorf("Grow past max: %v", err)
	}
	if tb.grow(1, 0) != -1 {
		t.Error("table.grow past max did not return -1")
	}
	if tt := tb.Type(); tt.Min != 4 || tt.Max != 4 || tt.Elem != TypeFuncRef {
		t.Errorf("Type = %v", tt)
	}
}

func TestTableExternRefs(t *testing.T) {
	st := newTestStore(t, StoreLimits{MaxTableElements: 10})
	tb, err := st.NewTable(TableType{Elem: TypeExternRef, Limits: Limits{Min: 1}}, NullRef(HeapExtern))
	if err != nil {
		t.Fatal(err)
	}
	type payload struct{ s string }
	p := &payload{"hello"}
	if err := tb.Set(0, ExternRef(p)); err != nil {
		t.Fatal(err)
	}
	v, err := tb.Get(0)
	if err != nil || v.Extern() != p {
		t.Fatalf("Get = %v, %v; want the same Go pointer back", v, err)
	}
	// The store's limit caps tables without a maximum.
	if _, err := tb.Grow(10, NullRef(HeapExtern)); !errors.Is(err, ErrLimit) {
		t.Errorf("Grow past the store limit: %v", err)
	}
	if _, err := st.NewTable(TableType{Elem: TypeExternRef, Limits: Limits{Min: 11}}, NullRef(HeapExtern)); !errors.Is(err, ErrLimit) {
		t.Errorf("table over the store limit: %v", err)
	}
}

func TestTableOfWasmFuncs(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	inst := mustInstantiate(t, st, `(module
		(type $t (func (param i32)))
		(table (export "t") 2 (ref null $t))
		(func $f (export "f") (type $t))
		(func $g (export "g"))
		(elem (table 0) (i32.const 0) (ref null $t) (ref.func $f)))`, nil)
	tb, f, g := inst.Table("t"), inst.Func("f"), inst.Func("g")
	if v, _ := tb.Get(0); v.Func() != f {
		t.Fatalf("element 0 = %v, want %v", v, f)
	}
	if err := tb.Set(1, FuncRef(f)); err != nil {
		t.Errorf("storing a function of the element type: %v", err)
	}
	if err := tb.Set(1, FuncRef(g)); err == nil {
		t.Error("stored a function of another type in a (ref null $t) table")
	}
	ht, err := inst.Module().HeapType(0)
	if err != nil {
		t.Fatal(err)
	}
	if tt := tb.Type().Elem; tt != RefType(true, ht) {
		t.Errorf("element type %v is not (ref null $t) = %v", tt, RefType(true, ht))
	}
	if _, err := inst.Module().HeapType(2); err == nil {
		t.Error("HeapType of a missing type index succeeded")
	}
	if res, err := f.Call(context.Background(), I32(1)); haveBackend && (err != nil || len(res) != 0) {
		t.Errorf("calling a Wasm function: %v, %v", res, err)
	} else if !haveBackend && !errors.Is(err, ErrNotCompiled) {
		t.Errorf("calling a Wasm function without a back end: %v", err)
	}
}
