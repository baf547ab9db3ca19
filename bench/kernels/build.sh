#!/bin/sh
# build.sh: builds every CPU kernel (kernels/*.c) twice:
#   build/wasm/NAME.wasm   clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry (+ libc.c)
#   build/native/NAME      gcc -O2, linked with the driver runners/native.c
# Run from bench/ (the harness runs it before every benchmark run; it only
# rebuilds what is older than its sources). Needs Debian's clang, lld, gcc.
set -eu
cd "$(dirname "$0")/.."
CLANG=${CLANG:-clang}
GCC=${GCC:-gcc}
WASMFLAGS="--target=wasm32 -O2 -nostdlib -Wl,--no-entry"
NATIVEFLAGS="-O2"
mkdir -p build/wasm build/native
# A change of compiler or flags rebuilds everything: the stamp records both.
stamp="$("$CLANG" --version | head -1) $WASMFLAGS | $("$GCC" --version | head -1) $NATIVEFLAGS"
if [ "$(cat build/flags.stamp 2>/dev/null)" != "$stamp" ]; then
	rm -f build/wasm/*.wasm build/native/*
	printf '%s' "$stamp" >build/flags.stamp
fi
for src in kernels/*.c; do
	name=$(basename "$src" .c)
	[ "$name" = libc ] && continue
	wasm=build/wasm/$name.wasm
	native=build/native/$name
	if [ ! -f "$wasm" ] || [ "$src" -nt "$wasm" ] || [ kernels/bench.h -nt "$wasm" ] || [ kernels/libc.c -nt "$wasm" ]; then
		# shellcheck disable=SC2086
		"$CLANG" $WASMFLAGS -o "$wasm" "$src" kernels/libc.c
	fi
	if [ ! -f "$native" ] || [ "$src" -nt "$native" ] || [ kernels/bench.h -nt "$native" ] || [ runners/native.c -nt "$native" ]; then
		# shellcheck disable=SC2086
		"$GCC" $NATIVEFLAGS -o "$native" runners/native.c "$src" -lm
	fi
done
