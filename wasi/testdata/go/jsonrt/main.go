// Command jsonrt is a test program for Sable's WASI host: a JSON round
// trip through encoding/json (reflection, maps, floats, unicode), with
// the result compared and printed.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
)

type Point struct {
	X, Y float64
}

type Doc struct {
	Name    string            `json:"name"`
	Count   int64             `json:"count"`
	Ratio   float64           `json:"ratio"`
	Tags    []string          `json:"tags"`
	Attrs   map[string]int    `json:"attrs"`
	Points  []Point           `json:"points"`
	Nested  *Doc              `json:"nested,omitempty"`
	Raw     json.RawMessage   `json:"raw"`
	Unicode string            `json:"unicode"`
	Extra   map[string]any    `json:"extra"`
	Flags   map[string]bool   `json:"flags"`
	Strs    map[string]string `json:"-"`
}

func main() {
	d := Doc{
		Name:    "sable",
		Count:   -1 << 53,
		Ratio:   math.Pi / 3,
		Tags:    []string{"wasm", "wasi", "go"},
		Attrs:   map[string]int{"b": 2, "a": 1, "c": 3},
		Points:  []Point{{1.5, -2.25}, {math.MaxFloat64, math.SmallestNonzeroFloat64}, {1e21, 1e-7}},
		Nested:  &Doc{Name: "inner", Tags: []string{}, Raw: json.RawMessage(`null`)},
		Raw:     json.RawMessage(`{"k":[1,2,3]}`),
		Unicode: "héllo, 世界 \u2028 <&> \"quoted\"",
		Extra:   map[string]any{"n": 12345678.5, "s": "x", "l": []any{true, nil, 1e100}},
		Flags:   map[string]bool{"on": true, "off": false},
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		fmt.Println("marshal:", err)
		os.Exit(1)
	}
	os.Stdout.Write(b)
	fmt.Println()
	var back Doc
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println("unmarshal:", err)
		os.Exit(1)
	}
	b2, _ := json.Marshal(back)
	b1, _ := json.Marshal(d)
	fmt.Println("round trip identical:", string(b1) == string(b2))
	fmt.Println("deep equal:", reflect.DeepEqual(d.Points, back.Points), reflect.DeepEqual(d.Attrs, back.Attrs))

	var generic map[string]any
	if err := json.Unmarshal(b, &generic); err != nil {
		fmt.Println("generic:", err)
		os.Exit(1)
	}
	keys := make([]string, 0, len(generic))
	for k := range generic {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s: %T\n", k, generic[k])
	}
	var bad Doc
	err = json.Unmarshal([]byte(`{"count": "x"}`), &bad)
	fmt.Println("bad input:", err)
}
