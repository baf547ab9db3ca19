package gc

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/sablewasm/sable/abi"
)

// modelObj is the test's own picture of a heap object.
type modelObj struct {
	id    uint32
	array bool
	refs  []*modelObj // tMixed: fields 1 and 4; tRefArr: the elements
}

// TestCollectRandomGraphs mutates a random object graph through a small
// set of roots — allocating structs and arrays, linking and unlinking
// them, dropping and reloading roots — while the heap collects (with a
// small capacity, and in stress mode at every allocation), and checks
// after every step that the heap's graph reachable from the roots matches
// a model: same shape, same sharing, same data.
func TestCollectRandomGraphs(t *testing.T) {
	for _, cfg := range []Config{
		{MinCapacity: 64 << 10, Limit: 16 << 20, Nursery: 64 << 10},
		{Stress: true, Poison: true},
	} {
		for seed := range uint64(4) {
			t.Run(fmt.Sprintf("stress=%v/seed=%d", cfg.Stress, seed), func(t *testing.T) {
				steps := 20000
				if cfg.Stress {
					steps = 2000
				}
				randomGraph(t, cfg, seed, steps)
			})
		}
	}
}

func randomGraph(t *testing.T, cfg Config, seed uint64, steps int) {
	h := newTestHeap(t, cfg)
	rng := rand.New(rand.NewPCG(seed, 1))
	const nroots = 8
	roots := make(rootSlice, nroots)
	model := make([]*modelObj, nroots)
	mixed := h.types.Lookup(tMixed).Struct
	arr := h.types.Lookup(tRefArr).Array
	slot := func(ref uint32, m *modelObj, i int) uint64 {
		if m.array {
			return uint64(ref) + uint64(arr.ElemOffset) + 4*uint64(i)
		}
		return uint64(ref) + uint64(mixed.Offsets[[]int{1, 4}[i]])
	}
	nextID := uint32(1)
	for step := range steps {
		i, j := rng.IntN(nroots), rng.IntN(nroots)
		switch op := rng.IntN(10); {
		case op < 3: // allocate a struct into root i
			ref := h.alloc(tMixed, 0, roots)
			h.store32(uint64(ref)+uint64(mixed.Offsets[2]), nextID)
			roots[i], model[i] = ref, &modelObj{id: nextID, refs: make([]*modelObj, 2)}
			nextID++
		case op < 4: // allocate an array into root i
			n := rng.IntN(20)
			ref := h.alloc(tRefArr, uint32(n), roots)
			roots[i], model[i] = ref, &modelObj{array: true, refs: make([]*modelObj, n)}
		case op < 7: // root i's reference k := root j (or null)
			if model[i] == nil || len(model[i].refs) == 0 {
				continue
			}
			k := rng.IntN(len(model[i].refs))
			src, m := roots[j], model[j]
			if rng.IntN(4) == 0 {
				src, m = 0, nil
			}
			h.store32(slot(roots[i], model[i], k), src)
			model[i].refs[k] = m
		case op < 9: // root j := root i's reference k (a load)
			if model[i] == nil || len(model[i].refs) == 0 {
				continue
			}
			k := rng.IntN(len(model[i].refs))
			roots[j], model[j] = h.load32(slot(roots[i], model[i], k)), model[i].refs[k]
		default: // drop root i, maybe collect (major or minor)
			roots[i], model[i] = 0, nil
			switch rng.IntN(6) {
			case 0:
				h.collect(roots)
			case 1:
				if err := h.Heap.collect(roots, false, 0); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := checkGraph(h, roots, model, slot); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
	}
	if s := h.Stats(); s.MajorCollections == 0 || s.Collections == s.MajorCollections {
		t.Errorf("collections: %d, %d of them major", s.Collections, s.MajorCollections)
	}
}

// checkGraph walks the heap from the roots in lockstep with the model.
func checkGraph(h *testHeap, roots rootSlice, model []*modelObj, slot func(uint32, *modelObj, int) uint64) error {
	seen := map[*modelObj]uint32{}
	mixed := h.types.Lookup(tMixed).Struct
	var walk func(ref uint32, m *modelObj) error
	walk = func(ref uint32, m *modelObj) error {
		if m == nil {
			if ref != 0 {
				return fmt.Errorf("reference %#x where the model has null", ref)
			}
			return nil
		}
		if r, ok := seen[m]; ok {
			if r != ref {
				return fmt.Errorf("one object reached as %#x and %#x", r, ref)
			}
			return nil
		}
		seen[m] = ref
		id, l, n, err := h.Object(ref)
		if err != nil {
			return err
		}
		if m.array {
			if id != tRefArr || n != uint32(len(m.refs)) {
				return fmt.Errorf("array %#x: type %d length %d, want %d", ref, id, n, len(m.refs))
			}
		} else if id != tMixed || h.load32(uint64(ref)+uint64(mixed.Offsets[2])) != m.id || l.Kind != abi.KindStruct {
			return fmt.Errorf("struct %#x: type %d id %d, want %d", ref, id, h.load32(uint64(ref)+uint64(mixed.Offsets[2])), m.id)
		}
		for k, child := range m.refs {
			if err := walk(h.load32(slot(ref, m, k)), child); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range roots {
		if err := walk(roots[i], model[i]); err != nil {
			return fmt.Errorf("root %d: %w", i, err)
		}
	}
	return nil
}
