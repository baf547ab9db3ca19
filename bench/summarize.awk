# summarize.awk: medians of `go test -bench` output, per benchmark and
# metric, and the Sable/wazero ratio of each median.
#   go test -run XXX -bench . -count 5 | tee out.txt; awk -f summarize.awk out.txt
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	if (!(name in seen)) { seen[name] = 1; order[++n] = name }
	for (i = 3; i + 1 <= NF; i += 2) {
		key = name SUBSEP $(i + 1)
		if (!(key in cnt)) { units[name] = units[name] " " $(i + 1) }
		vals[key, ++cnt[key]] = $i
	}
}
function median(key,    m, i, j, t, a) {
	m = cnt[key]
	for (i = 1; i <= m; i++) a[i] = vals[key, i] + 0
	for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
END {
	for (k = 1; k <= n; k++) {
		name = order[k]; nu = split(units[name], u, " ")
		for (i = 1; i <= nu; i++) {
			med = median(name SUBSEP u[i])
			line = sprintf("%-40s %-22s median %14.6g  (n=%d)", name, u[i], med, cnt[name SUBSEP u[i]])
			if (name ~ /\/sable$/) {
				other = name; sub(/\/sable$/, "/wazero", other)
				if ((other SUBSEP u[i]) in cnt) {
					w = median(other SUBSEP u[i])
					if (w != 0) line = line sprintf("  sable/wazero %.3g", med / w)
				}
			}
			print line
		}
	}
}
