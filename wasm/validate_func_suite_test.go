package wasm_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// TestBodyValidatorSuite runs the modules of the spec scripts through the
// front end and checks the function-body validator's verdicts:
//
//   - a module the scripts expect to be valid must not be rejected inside a
//     function body;
//   - an assert_invalid module rejected inside a function body (or a
//     constant expression) must be rejected with the expected message.
//
// Modules the text parser or decoder cannot read are counted and skipped:
// they belong to other stages' tests. So are assert_invalid modules the
// validator accepts, which are reported as a count, since module-level
// checks may be what is missing.
func TestBodyValidatorSuite(t *testing.T) {
	dir := testsuite.Require(t)
	var st bodySuiteStats
	err := filepath.WalkDir(dir, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(path, ".wast") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		script, err := wat.ParseScript(src)
		if err != nil {
			st.unreadable++
			return nil
		}
		for _, c := range script.Commands {
			st.check(t, rel, c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("valid modules accepted %d, rejected by the body validator %d", st.validOK, st.validBad)
	t.Logf("invalid modules rejected as expected %d, with another message %d, accepted %d",
		st.invalidOK, st.invalidMsg, st.invalidAccepted)
	t.Logf("skipped: unreadable scripts %d, modules not parsed/decoded %d", st.unreadable, st.unloaded)
}

type bodySuiteStats struct {
	validOK, validBad                      int
	invalidOK, invalidMsg, invalidAccepted int
	unreadable, unloaded                   int
}

func (st *bodySuiteStats) check(t *testing.T, file string, c wat.Command) {
	var src *wat.ModuleSource
	want := ""
	switch c := c.(type) {
	case *wat.ModuleCommand:
		src = c.Module
	case *wat.AssertModule:
		if c.Kind != "assert_invalid" {
			return
		}
		src, want = c.Module, c.Message
	default:
		return
	}
	pos := c.Position()
	m, err := bodySuiteLoad(src)
	if err != nil {
		st.unloaded++
		return
	}
	verr := wasm.Validate(m)
	var ve *wasm.ValidationError
	inBody := errors.As(verr, &ve) && ve.Func >= 0
	switch {
	case want == "" && verr == nil:
		st.validOK++
	case want == "":
		if inBody {
			st.validBad++
			t.Errorf("%s:%d: valid module rejected: %v", file, pos.Line, verr)
		}
	case verr == nil:
		st.invalidAccepted++
		if testing.Verbose() {
			t.Logf("%s:%d: invalid module (%q) accepted", file, pos.Line, want)
		}
	case strings.HasPrefix(verr.Error(), want):
		st.invalidOK++
	default:
		st.invalidMsg++
		if inBody || ve != nil && ve.Func < 0 && ve.Msg == "constant expression required" {
			t.Errorf("%s:%d: expected %q, got %v", file, pos.Line, want, verr)
		}
	}
}

// bodySuiteLoad parses or decodes a script module. Text modules are
// validated as the text parser built them, so that this test depends on
// neither the encoder nor the decoder's reading of their output.
func bodySuiteLoad(src *wat.ModuleSource) (*wasm.Module, error) {
	switch src.Format {
	case wat.ModuleBinary:
		return wasm.Decode(src.Bytes)
	case wat.ModuleText:
		return wat.ParseModuleNode(src.Node)
	}
	return wat.ParseModule(src.Bytes)
}
