package oncall

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"
)

// pageTable builds an n-row page table with a realistic mix of offsets and empty fields.
func pageTable(n int) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	offs := []string{"Z", "-05:00", "+01:00", "+05:30"}
	for i := range n {
		t := t0.Add(time.Duration(i) * 31 * time.Second)
		off := offs[i%len(offs)]
		ts := t.Format("2006-01-02T15:04:05") + off
		ack, res := "", ""
		if i%10 != 0 {
			ack = t.Add(3*time.Minute).Format("2006-01-02T15:04:05") + off
			res = t.Add(40*time.Minute).Format("2006-01-02T15:04:05") + off
		}
		fmt.Fprintf(&b, "INC%07d,service-%d,high,person%03d@example.com,primary,1,%s,%s,%s\n", i/2, i%17, i%250, ts, ack, res)
	}
	return b.Bytes()
}

// BenchmarkReadPages reads and validates a 1,000,000-row table per iteration, keeping every
// page (as a caller building a slice would) and reporting the heap in use afterwards.
func BenchmarkReadPages(b *testing.B) {
	data := pageTable(1_000_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	pages := make([]Page, 0, 1_000_000)
	for b.Loop() {
		pages = pages[:0]
		r := NewPageReader(bytes.NewReader(data))
		for {
			p, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, p)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heapMB")
	b.ReportMetric(float64(len(pages)), "pages")
}
