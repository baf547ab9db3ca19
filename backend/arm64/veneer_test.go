//go:build linux

package arm64

import (
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"github.com/sablewasm/sable/backend/internal/backendtest"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
)

func TestVeneerEncoding(t *testing.T) {
	v := arch{}.Veneer(-0x1234)
	var got []string
	for _, l := range Disassemble(v[:16], 0) {
		got = append(got, l.Text)
	}
	want := []string{"adr x16, .+0x0", "ldr x17, .+0xc", "add x16, x16, x17", "br x16"}
	if !slices.Equal(got, want) || int64(binary.LittleEndian.Uint64(v[16:])) != -0x1234 || len(v)%8 != 0 {
		t.Errorf("veneer:\n\t%s\nliteral %#x, %d bytes", strings.Join(got, "\n\t"), binary.LittleEndian.Uint64(v[16:]), len(v))
	}
}

// smallReach compiles with a branch reach just above the largest
// function, so that calls between functions farther apart than that go
// through veneers, as calls beyond bl's ±128 MiB do in a huge module.
func smallReach(mi *compiler.ModuleInfo) (*Module, int64, error) {
	mod, err := CompileModule(mi, Options{GC: true})
	if err != nil {
		return nil, 0, err
	}
	var largest int64
	for _, f := range mod.Funcs {
		largest = max(largest, int64(f.Size))
	}
	reach := largest + 512
	mod, err = codegen.CompileModule(arch{opts: Options{GC: true}, reach: reach}, mi)
	return mod, reach, err
}

// TestVeneers links modules with a small reach and checks that every call
// either reaches its callee or a veneer right after the caller that jumps
// to the callee.
func TestVeneers(t *testing.T) {
	veneers := 0
	for _, src := range []string{backendtest.ProgramsWAT, backendtest.TailCallsWAT, backendtest.GCWAT} {
		m, err := backendtest.ParseValidate([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		mi, err := compiler.NewModuleInfo(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		mod, reach, err := smallReach(mi)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range mod.Funcs {
			code := mod.Code[f.Offset : f.Offset+f.Size]
			for off := 0; off < len(code); off += 4 {
				w := binary.LittleEndian.Uint32(code[off:])
				if w&0x7c000000 != 0x14000000 { // b, bl
					continue
				}
				pc := int64(f.Offset) + int64(off)
				target := pc + int64(int32(w<<6)>>4)
				if fn, ok := mod.FuncAt(uint32(target)); ok && mod.Funcs[fn].Offset == uint32(target) {
					if target-pc >= reach || pc-target > reach {
						t.Errorf("function %d: call at %#x reaches %#x beyond %#x", i, pc, target, reach)
					}
					continue
				}
				if target < int64(f.Offset+f.Size) {
					continue // a branch within the function
				}
				// A veneer: its literal is the callee's offset from it.
				veneers++
				d := int64(binary.LittleEndian.Uint64(mod.Code[target+16:]))
				if fn, ok := mod.FuncAt(uint32(target + d)); !ok || mod.Funcs[fn].Offset != uint32(target+d) {
					t.Errorf("function %d: the veneer at %#x jumps to %#x, not a function", i, target, target+d)
				}
				if !slices.Equal(mod.Code[target:target+16], arch{}.Veneer(d)[:16]) {
					t.Errorf("function %d: no veneer at %#x", i, target)
				}
			}
		}
	}
	if veneers == 0 {
		t.Error("no call went through a veneer")
	}
	t.Logf("%d calls through veneers", veneers)
}
