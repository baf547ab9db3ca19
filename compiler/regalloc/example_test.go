package regalloc_test

import (
	"fmt"

	"github.com/sablewasm/sable/compiler/regalloc"
)

// printer is a stand-in for a backend's emitter.
type printer struct{ names []string }

func (p printer) Block(b int) { fmt.Printf("b%d:\n", b) }
func (p printer) Inst(i int, allocs []regalloc.PReg) {
	fmt.Printf("  %s", p.names[i])
	for _, r := range allocs {
		fmt.Printf(" r%d", r)
	}
	fmt.Println()
}
func (p printer) Move(c regalloc.Class, dst, src regalloc.PReg) {
	fmt.Printf("  mov r%d, r%d\n", dst, src)
}
func (p printer) Spill(c regalloc.Class, dst regalloc.SpillSlot, src regalloc.PReg) {
	fmt.Printf("  store [spill+%d], r%d\n", dst, src)
}
func (p printer) Reload(c regalloc.Class, dst regalloc.PReg, src regalloc.SpillSlot) {
	fmt.Printf("  load r%d, [spill+%d]\n", dst, src)
}

// A GC reference and an integer live across a call: the integer goes to a
// callee-saved register, the reference to its slot, named by the call's
// stack map.
func Example() {
	const rax, rcx, rdx, rbx = 0, 1, 2, 3
	target := &regalloc.Target{Classes: [regalloc.NumClasses]regalloc.ClassRegs{
		regalloc.ClassInt: {
			Allocatable: []regalloc.PReg{rax, rcx, rdx, rbx},
			CalleeSaved: regalloc.RegSet(0).With(rbx),
			Scratch:     11,
			SlotSize:    8,
		},
		regalloc.ClassFloat: {Scratch: 31, SlotSize: 16},
	}}
	a, err := regalloc.NewAllocator(target)
	if err != nil {
		panic(err)
	}
	var f regalloc.Func
	n := f.NewVReg(regalloc.ClassInt, false)
	ref := f.NewVReg(regalloc.ClassInt, true)
	res := f.NewVReg(regalloc.ClassInt, false)
	names := []string{"const", "new_struct", "call", "add", "ret"}
	f.StartBlock()
	f.AddInst(0, 0, regalloc.DefOf(n))
	f.AddInst(0, 0, regalloc.DefOf(ref))
	f.AddInst(regalloc.InstSafepoint, target.CallerSaved(), regalloc.FixedUse(n, rax), regalloc.FixedDef(res, rax))
	f.AddInst(0, 0, regalloc.UseDefOf(res), regalloc.UseOf(n), regalloc.UseOf(ref))
	f.AddInst(0, 0, regalloc.FixedUse(res, rax))

	r, err := a.Allocate(&f)
	if err != nil {
		panic(err)
	}
	r.Emit(printer{names})
	fmt.Println("spill area:", r.SpillAreaSize, "stack maps:", r.StackMaps())
	// Output:
	// b0:
	//   const r3
	//   new_struct r1
	//   store [spill+0], r1
	//   mov r0, r3
	//   call r0 r0
	//   load r1, [spill+0]
	//   add r0 r3 r1
	//   ret r0
	// spill area: 8 stack maps: [{2 [0]}]
}
