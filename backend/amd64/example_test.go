package amd64_test

import (
	"fmt"

	"github.com/sablewasm/sable/backend/amd64"
)

// A loop that calls function 3 until RCX reaches zero: labels, a call
// relocation, the Mark of its return address and an aligned loop header.
func ExampleAssembler() {
	a := amd64.New()
	loop, done := a.NewLabel(), a.NewLabel()
	a.Mov(amd64.S32, amd64.RCX, amd64.Imm(10))
	a.Align(16)
	a.Bind(loop)
	a.Test(amd64.S32, amd64.RCX, amd64.RCX)
	a.Jcc(amd64.E, done)
	ret := a.CallFunc(3)
	a.ALU(amd64.Sub, amd64.S32, amd64.RCX, amd64.Imm(1))
	a.Jmp(loop)
	a.Bind(done)
	a.Ret()
	code, err := a.Finish()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range amd64.Disassemble(code.Bytes, 0x1000) {
		fmt.Println(l.Text)
	}
	fmt.Printf("relocations %+v, return address at %#x\n", code.Relocs, code.PCs[ret])
	// Output:
	// mov $0xa,%ecx
	// nopw (%rax,%rax)
	// data16 nop
	// test %ecx,%ecx
	// je 0x101e
	// callq 0x1019
	// sub $0x1,%ecx
	// jmp 0x1010
	// retq
	// relocations [{Offset:21 Func:3}], return address at 0x19
}
