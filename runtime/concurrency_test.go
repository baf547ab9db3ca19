package runtime

import (
	"context"
	"sync"
	"testing"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// One Engine compiling from many goroutines, and Stores used concurrently
// (one per goroutine) instantiating the same Modules. Run with -race.
func TestConcurrentCompileAndStores(t *testing.T) {
	eng := NewEngine(Config{})
	srcs := []string{
		`(module (type (func (param i32))) (func (export "f") (type 0)) (memory (export "m") 1) (data (i32.const 0) "x"))`,
		`(module (rec (type (struct)) (type (func (param i32)))) (global (export "g") (mut i64) (i64.const 3)))`,
		`(module (func (export "f") (param i32)) (table (export "t") 1 funcref) (elem (i32.const 0) func 0))`,
	}
	bins := make([][]byte, len(srcs))
	for i, s := range srcs {
		m, err := wat.ParseModule([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		bins[i] = wasm.Encode(m)
	}
	const workers = 8
	mods := make([][]*Module, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, b := range bins {
				mod, err := eng.Compile(b)
				if err != nil {
					t.Error(err)
					return
				}
				mods[w] = append(mods[w], mod)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	// Equal types of different modules (and of different compilations of
	// one module) got one canonical id.
	f0 := mods[0][0].typeIDs[0]
	for w := range workers {
		if mods[w][0].typeIDs[0] != f0 || mods[w][2].typeIDs[0] != f0 {
			t.Fatalf("worker %d: (func (param i32)) has ids %d, %d; want %d", w, mods[w][0].typeIDs[0], mods[w][2].typeIDs[0], f0)
		}
	}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := NewStore(eng, StoreLimits{})
			defer st.Close()
			var im Imports
			for i, mod := range mods[(w+1)%workers] {
				inst, err := st.Instantiate(context.Background(), mod, &im)
				if err != nil {
					t.Error(err)
					return
				}
				im.DefineInstance(string(rune('a'+i)), inst)
			}
			if g := im.Lookup("b", "g").(*Global); g.Set(I64(int64(w))) != nil || g.Get().I64() != int64(w) {
				t.Error("global of a private store changed under us")
			}
		}()
	}
	wg.Wait()
}
