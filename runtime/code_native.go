//go:build amd64 || arm64

package runtime

// imageOf converts what the back end produced (both produce the same
// type, backend/internal/codegen's Module) into the runtime's terms.
func imageOf(cm *nativeModule) *codeImage {
	img := &codeImage{
		Code:      cm.Code,
		Funcs:     make([]funcCode, len(cm.Funcs)),
		Traps:     make([]trapSite, len(cm.TrapSites)),
		StackMaps: make([]stackMap, len(cm.StackMaps)),
	}
	for i, f := range cm.Funcs {
		img.Funcs[i] = funcCode{Off: f.Offset, Size: f.Size, Entry: f.Entry}
	}
	for i, t := range cm.TrapSites {
		img.Traps[i] = trapSite{PC: t.PC, Code: t.Code, Offset: t.Offset}
	}
	for i, m := range cm.StackMaps {
		img.StackMaps[i] = stackMap{PC: m.PC, Slots: m.Slots}
	}
	return img
}
