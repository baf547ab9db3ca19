#!/usr/bin/env bash
# Runs Go standard library packages' tests under Sable:
#
#   GOOS=wasip1 GOARCH=wasm go test -exec sable-exec PKG
#
# one package at a time, and prints PASS/FAIL and the time of each and a
# summary; the exit status is 1 if any package failed.
#
#   wasi/testdata/stdlib/run.sh            the full list below
#   wasi/testdata/stdlib/run.sh --core     the subset CI runs (.ci/run)
#   wasi/testdata/stdlib/run.sh PKG...     the packages named
#
# GOTESTFLAGS adds flags to go test (default -short); a failed package's
# output is kept in $OUT (default a temporary directory).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

full=(strings strconv sort bytes unicode/utf8 encoding/json encoding/base64 math math/big
	regexp container/list hash/crc32 crypto/sha256 compress/flate text/template path/filepath os)
core=(unicode/utf8 strings hash/crc32 os)

case "${1:-}" in
--core) pkgs=("${core[@]}") ;;
"") pkgs=("${full[@]}") ;;
*) pkgs=("$@") ;;
esac

OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
export SABLE_BIN="$OUT/sable"
(cd "$repo" && go build -o "$SABLE_BIN" ./cmd/sable) || exit 1

pass=() fail=()
for pkg in "${pkgs[@]}"; do
	log="$OUT/$(echo "$pkg" | tr / _).log"
	start=$(date +%s)
	# From a directory outside any module: the packages are the
	# toolchain's own.
	if (cd "$OUT" && GOOS=wasip1 GOARCH=wasm GOFLAGS= go test ${GOTESTFLAGS:--short} -exec "$here/sable-exec" "$pkg") >"$log" 2>&1; then
		pass+=("$pkg")
		status=PASS
	else
		fail+=("$pkg")
		status=FAIL
	fi
	printf '%-4s %-18s %4ds\n' "$status" "$pkg" $(($(date +%s) - start))
done
echo "passed ${#pass[@]} of ${#pkgs[@]}: ${pass[*]:-}"
if [ ${#fail[@]} -gt 0 ]; then
	echo "FAILED: ${fail[*]} (logs in $OUT)"
	for pkg in "${fail[@]}"; do
		echo "== $pkg"
		tail -n 30 "$OUT/$(echo "$pkg" | tr / _).log"
	done
	exit 1
fi
