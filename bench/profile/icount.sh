#!/bin/sh
# icount.sh: instructions executed in generated code, Sable against wazero,
# per CPU kernel, counted by valgrind (cachegrind, no cache simulation).
# Instruction counts do not depend on the machine's load, unlike times:
# this is the profile of the code generators on a shared, noisy machine.
#
#   cd bench && sh profile/icount.sh [KERNEL...]
#
# Generated code has no symbols, so cg_annotate files it under "???:???";
# that line is the count (it also holds the few unnamed instructions of
# the dynamic loader, the same for both engines). The inputs are smaller
# than the benchmark's: valgrind runs code ~50x slower. Go's asynchronous
# preemption signals are turned off: valgrind's signal handling trips on them.
# Needs: apt-get install valgrind; the kernels built (go run . builds them).
set -eu
cd "$(dirname "$0")/.."
out=${OUT:-build/icount}
mkdir -p "$out"
go build -o "$out/bench" .
args="calls=22 collatz=100000 nbody=100000 matmul=128 stream=1 sha256=20 sort=100000 hashmap=100000 bits=20"
kernels=${*:-calls collatz nbody matmul stream sha256 sort hashmap bits}
printf '%-8s %8s %16s %16s %8s\n' kernel arg sable wazero ratio
for k in $kernels; do
	arg=$(echo "$args" | tr ' ' '\n' | sed -n "s/^$k=//p")
	for e in sable wazero; do
		GODEBUG=asyncpreemptoff=1 valgrind --tool=cachegrind --cache-sim=no \
			--cachegrind-out-file="$out/$k.$e.cg" --smc-check=all \
			"$out/bench" -child-run "build/wasm/$k.wasm" -child-engine "$e" -child-arg "$arg" \
			>"$out/$k.$e.out" 2>"$out/$k.$e.log"
		cg_annotate "$out/$k.$e.cg" | awk '$NF == "???:???" { gsub(",", "", $1); print $1; exit }' >"$out/$k.$e.ir"
	done
	s=$(cat "$out/$k.sable.ir")
	w=$(cat "$out/$k.wazero.ir")
	# each prints "CHECKSUM PEAK_RSS_KIB": the checksums must agree
	if [ "$(cut -d' ' -f1 "$out/$k.sable.out")" != "$(cut -d' ' -f1 "$out/$k.wazero.out")" ]; then
		echo "$k: the engines disagree: $(cat "$out/$k.sable.out") vs $(cat "$out/$k.wazero.out")" >&2
		exit 3
	fi
	printf '%-8s %8s %16s %16s %8.3f\n' "$k" "$arg" "$s" "$w" "$(echo "$s / $w" | bc -l)"
done
