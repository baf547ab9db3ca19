package spectest

import (
	"fmt"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// stage is the step of loading a module that rejected it.
type stage uint8

const (
	stageText      stage = iota + 1 // wat.ParseModuleNode / wat.ParseModule
	stageRoundTrip                  // wasm.Decode of the text module's own encoding
	stageDecode                     // wasm.Decode of a binary module
	stageValidate                   // wasm.Validate
)

func (s stage) String() string {
	switch s {
	case stageText:
		return "text parser"
	case stageRoundTrip:
		return "decoder (re-reading the encoded text module)"
	case stageDecode:
		return "decoder"
	case stageValidate:
		return "validator"
	}
	return "loader"
}

// loadError is a module rejection and the stage that made it.
type loadError struct {
	stage stage
	err   error
}

func (e *loadError) Error() string { return fmt.Sprintf("%s: %v", e.stage, e.err) }

// frontEnd is the module pipeline under test. It is a set of functions so
// that the runner's pass rules can be tested against a fake front end.
type frontEnd struct {
	parseNode func(*wat.Node) (*wasm.Module, error)
	parseText func([]byte) (*wasm.Module, error)
	encode    func(*wasm.Module) []byte
	decode    func([]byte) (*wasm.Module, error)
	validate  func(*wasm.Module) error
}

// sable is Sable's front end.
var sable = frontEnd{
	parseNode: wat.ParseModuleNode,
	parseText: wat.ParseModule,
	encode:    wasm.Encode,
	decode:    wasm.Decode,
	validate:  wasm.Validate,
}

// load turns a script module into a validated wasm.Module. Text modules go
// through the binary encoder and decoder before validation, so that every
// text module also tests the encoder and the decoder.
func (fe *frontEnd) load(src *wat.ModuleSource) (*wasm.Module, *loadError) {
	var bin []byte
	switch src.Format {
	case wat.ModuleText, wat.ModuleQuote:
		var m *wasm.Module
		var err error
		if src.Format == wat.ModuleText {
			m, err = fe.parseNode(src.Node)
		} else {
			m, err = fe.parseText(src.Bytes)
		}
		if err != nil {
			return nil, &loadError{stageText, err}
		}
		bin = fe.encode(m)
	case wat.ModuleBinary:
		bin = src.Bytes
	default:
		return nil, &loadError{stageText, fmt.Errorf("unknown module format %v", src.Format)}
	}
	m, err := fe.decode(bin)
	if err != nil {
		s := stageDecode
		if src.Format != wat.ModuleBinary {
			s = stageRoundTrip
		}
		return nil, &loadError{s, err}
	}
	if err := fe.validate(m); err != nil {
		return nil, &loadError{stageValidate, err}
	}
	return m, nil
}
