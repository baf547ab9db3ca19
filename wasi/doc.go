// Package wasi is the WASI preview1 host module (wasi_snapshot_preview1)
// for Sable: what programs built for WASI by real toolchains import to
// reach arguments, environment, clocks, randomness, files and sockets.
// Programs built by Go (GOOS=wasip1) and by clang with wasi-libc are
// tested, as are Go's own standard library tests.
//
//	sys, err := wasi.New(wasi.Config{
//		Args:     []string{"prog", "arg"},
//		Stdout:   os.Stdout,
//		Preopens: []wasi.Preopen{{Path: "/data", FS: wasi.DirFS("/srv/data")}},
//	})
//	defer sys.Close()
//	var imports runtime.Imports
//	sys.Define(&imports)
//	inst, err := store.Instantiate(ctx, mod, &imports)
//	code, err := wasi.Run(ctx, inst) // calls _start
//
// # Capabilities
//
// A module reaches only what the embedder gives it. Its file system is
// the preopens, nothing more: each is a tree (DirFS and ReadOnlyDirFS
// for a host directory, ReadOnlyFS for any fs.FS), and every path is
// resolved inside the directory descriptor it is given with, step by
// step. A path that is absolute, or that climbs out of that directory
// with "..", or through a symbolic link, fails with ENOTCAPABLE; a path
// outside every preopen has no directory descriptor to be resolved
// against (EBADF). Host directories are accessed through os.Root, which
// holds to this at every component of every path, so a link planted in
// the tree cannot lead outside either. Each descriptor also carries
// preview1 rights; a module can drop them, never gain them, and a
// read-only tree grants no right that changes anything.
//
// Sockets cannot be created: preview1 has no socket or connect. The
// module can accept connections on the listeners of Config.Listeners and
// use them (sock_recv, sock_send, sock_shutdown, fd_read, fd_write,
// poll_oneoff).
//
// # Exit
//
// proc_exit never exits the host process: it ends the Wasm call that
// runs the program with an *ExitError carrying the code, through any
// number of nested host and Wasm frames. Run and ExitCode turn it back
// into a code.
//
// # Blocking
//
// A read from a Go io.Reader, fd_read on a socket and poll_oneoff block
// the goroutine that runs the module; poll_oneoff returns when the call's
// context is done, and the runtime's interrupt then ends the call.
//
// Descriptors of host files and sockets are host resources: a System
// must be closed (Close) once its program has run.
package wasi
