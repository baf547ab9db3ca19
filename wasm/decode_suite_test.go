package wasm_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

func suiteDir(t testing.TB) string { return testsuite.Require(t) }

// binaryModule is one `(module binary ...)` form of a script.
type binaryModule struct {
	pos       string // file:line
	bytes     []byte
	malformed string // the expected message if inside assert_malformed
}

// suiteBinaryModules collects every binary module of every .wast file.
func suiteBinaryModules(t testing.TB) []binaryModule {
	dir := suiteDir(t)
	var mods []binaryModule
	err := filepath.WalkDir(dir, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(path, ".wast") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		nodes, err := wat.ParseSExprs(src)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		for _, n := range nodes {
			collectBinary(rel, n, "", &mods)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return mods
}

func collectBinary(file string, n *wat.Node, malformed string, out *[]binaryModule) {
	if n.Kind != wat.List {
		return
	}
	args := n.Args()
	if n.Head() == "module" {
		i := 1
		for i < len(args) && (args[i].Kind == wat.ID || args[i].IsAtom("definition")) {
			i++
		}
		if i < len(args) && args[i].IsAtom("binary") {
			var b []byte
			for _, s := range args[i+1:] {
				b = append(b, s.Text...)
			}
			*out = append(*out, binaryModule{pos: file + ":" + itoa(n.Line), bytes: b, malformed: malformed})
		}
		return
	}
	if n.Head() == "assert_malformed" && len(args) == 3 && args[2].Kind == wat.String {
		malformed = args[2].Text
	}
	for _, c := range args[1:] {
		collectBinary(file, c, malformed, out)
	}
}

func itoa(i int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		if i /= 10; i == 0 {
			return string(b)
		}
	}
}

// TestSuiteBinary decodes every binary module of the spec testsuite:
// assert_malformed ones must be rejected with the expected message, all
// others must decode and survive an encode/decode round trip unchanged.
func TestSuiteBinary(t *testing.T) {
	mods := suiteBinaryModules(t)
	var nMalformed, nValid int
	for _, bm := range mods {
		m, err := wasm.Decode(bm.bytes)
		if bm.malformed != "" {
			nMalformed++
			var de *wasm.DecodeError
			if err == nil {
				t.Errorf("%s: decoded a module that should be malformed (%q)", bm.pos, bm.malformed)
			} else if !errors.As(err, &de) || !strings.HasPrefix(de.Msg, bm.malformed) {
				t.Errorf("%s: got error %q, want %q", bm.pos, err, bm.malformed)
			}
			continue
		}
		nValid++
		if err != nil {
			t.Errorf("%s: %v", bm.pos, err)
			continue
		}
		again, err := wasm.Decode(wasm.Encode(m))
		if err != nil {
			t.Errorf("%s: re-decoding the encoded module: %v", bm.pos, err)
			continue
		}
		clearOffsets(m)
		clearOffsets(again)
		if !reflect.DeepEqual(m, again) {
			t.Errorf("%s: round trip changed the module:\n got %+v\nwant %+v", bm.pos, again, m)
		}
	}
	t.Logf("%d malformed and %d other binary modules", nMalformed, nValid)
	if nMalformed == 0 || nValid == 0 {
		t.Error("found no binary modules in the testsuite")
	}
}

// clearOffsets zeroes the module offsets, which legitimately change when a
// module is re-encoded canonically.
func clearOffsets(m *wasm.Module) {
	for i := range m.Tables {
		m.Tables[i].Init.Offset = 0
	}
	for i := range m.Globals {
		m.Globals[i].Init.Offset = 0
	}
	for i := range m.Elems {
		m.Elems[i].Offset.Offset = 0
		for j := range m.Elems[i].Init {
			m.Elems[i].Init[j].Offset = 0
		}
	}
	for i := range m.Datas {
		m.Datas[i].Offset.Offset = 0
	}
	for i := range m.Codes {
		m.Codes[i].BodyOffset = 0
	}
}
