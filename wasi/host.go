package wasi

import (
	"context"
	"sort"

	"github.com/sablewasm/sable/runtime"
)

// args are a host call's arguments, read by position.
type args []runtime.Value

func (a args) u32(i int) uint32 { return uint32(a[i].I32()) }
func (a args) u64(i int) uint64 { return uint64(a[i].I64()) }

// call is one host call in progress: the System, the caller's memory,
// the context of the Wasm call.
type call struct {
	*System
	ctx context.Context
	mem memory
}

// hostFunc is one function of wasi_snapshot_preview1: its parameters
// ("i" for i32, "I" for i64, one letter each; every function returns
// an errno) and its implementation.
type hostFunc struct {
	params string
	fn     func(c *call, a args) Errno
}

// hostFuncs is the whole of wasi_snapshot_preview1, except proc_exit,
// which returns nothing (procExit).
var hostFuncs = map[string]hostFunc{
	"args_get":                {"ii", (*call).argsGet},
	"args_sizes_get":          {"ii", (*call).argsSizesGet},
	"environ_get":             {"ii", (*call).environGet},
	"environ_sizes_get":       {"ii", (*call).environSizesGet},
	"clock_res_get":           {"ii", (*call).clockResGet},
	"clock_time_get":          {"iIi", (*call).clockTimeGet},
	"random_get":              {"ii", (*call).randomGet},
	"sched_yield":             {"", (*call).schedYield},
	"proc_raise":              {"i", (*call).procRaise},
	"fd_advise":               {"iIIi", (*call).fdAdvise},
	"fd_allocate":             {"iII", (*call).fdAllocate},
	"fd_close":                {"i", (*call).fdClose},
	"fd_datasync":             {"i", (*call).fdDatasync},
	"fd_fdstat_get":           {"ii", (*call).fdFdstatGet},
	"fd_fdstat_set_flags":     {"ii", (*call).fdFdstatSetFlags},
	"fd_fdstat_set_rights":    {"iII", (*call).fdFdstatSetRights},
	"fd_filestat_get":         {"ii", (*call).fdFilestatGet},
	"fd_filestat_set_size":    {"iI", (*call).fdFilestatSetSize},
	"fd_filestat_set_times":   {"iIIi", (*call).fdFilestatSetTimes},
	"fd_pread":                {"iiiIi", (*call).fdPread},
	"fd_prestat_get":          {"ii", (*call).fdPrestatGet},
	"fd_prestat_dir_name":     {"iii", (*call).fdPrestatDirName},
	"fd_pwrite":               {"iiiIi", (*call).fdPwrite},
	"fd_read":                 {"iiii", (*call).fdRead},
	"fd_readdir":              {"iiiIi", (*call).fdReaddir},
	"fd_renumber":             {"ii", (*call).fdRenumber},
	"fd_seek":                 {"iIii", (*call).fdSeek},
	"fd_sync":                 {"i", (*call).fdSync},
	"fd_tell":                 {"ii", (*call).fdTell},
	"fd_write":                {"iiii", (*call).fdWrite},
	"path_create_directory":   {"iii", (*call).pathCreateDirectory},
	"path_filestat_get":       {"iiiii", (*call).pathFilestatGet},
	"path_filestat_set_times": {"iiiiIIi", (*call).pathFilestatSetTimes},
	"path_link":               {"iiiiiii", (*call).pathLink},
	"path_open":               {"iiiiiIIii", (*call).pathOpen},
	"path_readlink":           {"iiiiii", (*call).pathReadlink},
	"path_remove_directory":   {"iii", (*call).pathRemoveDirectory},
	"path_rename":             {"iiiiii", (*call).pathRename},
	"path_symlink":            {"iiiii", (*call).pathSymlink},
	"path_unlink_file":        {"iii", (*call).pathUnlinkFile},
	"poll_oneoff":             {"iiii", (*call).pollOneoff},
	"sock_accept":             {"iii", (*call).sockAccept},
	"sock_recv":               {"iiiiii", (*call).sockRecv},
	"sock_send":               {"iiiii", (*call).sockSend},
	"sock_shutdown":           {"ii", (*call).sockShutdown},
}

// FunctionNames lists the functions of wasi_snapshot_preview1 that
// Define provides, sorted.
func FunctionNames() []string {
	names := []string{"proc_exit"}
	for n := range hostFuncs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Define adds s's host functions to im, under the module name
// wasi_snapshot_preview1. They take the memory of the instance that
// calls them from its export "memory".
func (s *System) Define(im *runtime.Imports) error {
	for name, h := range hostFuncs {
		typ := &runtime.FuncType{Results: []runtime.ValType{runtime.TypeI32}}
		for _, p := range h.params {
			if p == 'I' {
				typ.Params = append(typ.Params, runtime.TypeI64)
			} else {
				typ.Params = append(typ.Params, runtime.TypeI32)
			}
		}
		fn := h.fn
		f, err := runtime.NewRawHostFunc(typ, func(ctx context.Context, caller *runtime.Caller, a []runtime.Value) ([]runtime.Value, error) {
			m, err := s.mem.of(caller)
			if err != nil {
				return nil, err
			}
			e := ErrnoBadf
			if !s.closed {
				e = fn(&call{System: s, ctx: ctx, mem: m}, args(a))
			}
			return []runtime.Value{runtime.I32(int32(e))}, nil
		})
		if err != nil {
			return err
		}
		im.Define(ModuleName, name, f)
	}
	exit, err := runtime.NewRawHostFunc(&runtime.FuncType{Params: []runtime.ValType{runtime.TypeI32}},
		func(_ context.Context, _ *runtime.Caller, a []runtime.Value) ([]runtime.Value, error) {
			return nil, &ExitError{Code: args(a).u32(0)}
		})
	if err != nil {
		return err
	}
	im.Define(ModuleName, "proc_exit", exit)
	return nil
}
