package main

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// The chart: one row per workload, a bar per ratio (Sable's time over a
// peer's, paired per round), on a log2 axis centred on 1 (parity): bars
// to the left of the line are workloads where Sable is faster.

type series struct {
	label, color string
	a, b         string // ratio a / b
}

var chartSeries = []series{
	{"Sable / wazero", "#2b6cb0", "sable", "wazero"},
	{"Sable / V8", "#c05621", "sable", "v8"},
	{"Sable / native gcc -O2", "#718096", "sable", "native"},
}

type chartRow struct {
	group, name string
	ratios      []float64 // per series, NaN when not measured
	shown       []bool    // which series apply to the row (GC: V8 only)
}

func (r *results) chartRows() []chartRow {
	var rows []chartRow
	add := func(group string, ws []workloadResult) {
		for _, w := range ws {
			row := chartRow{group: group, name: w.Name}
			run := w.Run
			if group == "CPU" {
				run = cpuView(w.Run) // as in the CPU table
			}
			for _, s := range chartSeries {
				_, measured := w.Run[s.b]
				row.ratios = append(row.ratios, ratioOf(run, s.a, s.b))
				row.shown = append(row.shown, measured)
			}
			rows = append(rows, row)
		}
	}
	add("CPU", r.CPU)
	add("GC", r.GC)
	return rows
}

func (r *results) svg() string {
	rows := r.chartRows()
	const (
		left, right, top = 130.0, 40.0, 70.0
		plotW            = 560.0
		barH, rowGap     = 9.0, 8.0
	)
	rowH := float64(len(chartSeries))*barH + rowGap
	height := top + float64(len(rows))*rowH + 64
	width := left + plotW + right
	// the axis spans whole powers of two around the data, at least 1/4..4
	lo, hi := -2.0, 2.0
	for _, row := range rows {
		for _, x := range row.ratios {
			if x > 0 && !math.IsNaN(x) {
				lo, hi = math.Min(lo, math.Floor(math.Log2(x))), math.Max(hi, math.Ceil(math.Log2(x)))
			}
		}
	}
	lo, hi = math.Max(lo, -6), math.Min(hi, 6)
	xOf := func(ratio float64) float64 {
		l := math.Max(lo, math.Min(hi, math.Log2(ratio)))
		return left + (l-lo)/(hi-lo)*plotW
	}
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="11">`+"\n", width, height, width, height)
	p(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	p(`<text x="%.0f" y="20" font-size="14" font-weight="bold">Sable's run time relative to each peer (log scale; left of 1 = Sable faster)</text>`+"\n", left-120)
	p(`<text x="%.0f" y="36" fill="#4a5568">%s, %s, commit %s</text>`+"\n", left-120, html.EscapeString(r.Machine.CPU), r.Started.UTC().Format("2006-01-02"), html.EscapeString(r.Machine.Commit))
	for i, s := range chartSeries { // legend
		x := left + float64(i)*190
		p(`<rect x="%.0f" y="46" width="12" height="10" fill="%s"/><text x="%.0f" y="55">%s</text>`+"\n", x, s.color, x+16, html.EscapeString(s.label))
	}
	bottom := top + float64(len(rows))*rowH
	for e := lo; e <= hi; e++ { // grid at powers of two
		x := xOf(math.Exp2(e))
		stroke, w := "#e2e8f0", 1.0
		if e == 0 {
			stroke, w = "#1a202c", 1.5
		}
		p(`<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="%s" stroke-width="%.1f"/>`+"\n", x, top-6, x, bottom, stroke, w)
		p(`<text x="%.1f" y="%.0f" text-anchor="middle">%s</text>`+"\n", x, bottom+16, ratioLabel(math.Exp2(e)))
	}
	x08 := xOf(0.8) // the CPU target
	p(`<line x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f" stroke="#2b6cb0" stroke-dasharray="4 3"/>`+"\n", x08, top-6, x08, bottom)
	p(`<text x="%.1f" y="%.0f" text-anchor="end" fill="#2b6cb0" font-size="9">CPU target 0.8 vs wazero</text>`+"\n", x08-3, bottom+28)
	group := ""
	for i, row := range rows {
		y := top + float64(i)*rowH
		if row.group != group {
			group = row.group
			p(`<text x="6" y="%.0f" font-weight="bold" fill="#4a5568">%s</text>`+"\n", y+barH, group)
		}
		p(`<text x="%.0f" y="%.1f" text-anchor="end">%s</text>`+"\n", left-8, y+barH*1.5+3, html.EscapeString(row.name))
		for j, x := range row.ratios {
			by := y + float64(j)*barH
			if !row.shown[j] {
				continue
			}
			if math.IsNaN(x) || x <= 0 {
				p(`<text x="%.1f" y="%.1f" fill="#a0aec0" font-size="9">%s: Sable not supported yet</text>`+"\n", xOf(1)+4, by+barH-1, html.EscapeString(chartSeries[j].label))
				continue
			}
			x0, x1 := xOf(1), xOf(x)
			if x1 < x0 {
				x0, x1 = x1, x0
			}
			p(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %.3f</title></rect>`+"\n",
				x0, by, math.Max(x1-x0, 1), barH-1, chartSeries[j].color, html.EscapeString(row.name), html.EscapeString(chartSeries[j].label), x)
			p(`<text x="%.1f" y="%.1f" font-size="9">%.2f</text>`+"\n", math.Max(xOf(x), xOf(1))+3, by+barH-1, x)
		}
	}
	p(`<text x="%.0f" y="%.0f" fill="#4a5568">median of per-round ratios (CPU kernels: CPU time; GC: wall time), one run, one machine; reproduce: %s</text>`+"\n", left-120, bottom+46, html.EscapeString(r.Command))
	p("</svg>\n")
	return b.String()
}

func ratioLabel(x float64) string {
	if x >= 1 {
		return fmt.Sprintf("%gx", x)
	}
	return fmt.Sprintf("1/%gx", 1/x)
}
