package ingest

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// genTable writes a normalized page table of n rows: 40 responders, 12 services, times one
// minute apart with offsets on both sides of UTC, a third acknowledged and resolved.
func genTable(w io.Writer, n int) {
	fmt.Fprint(w, tableHeader)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	zones := []*time.Location{time.UTC, time.FixedZone("", -5*3600), time.FixedZone("", 5*3600+1800)}
	var b []byte
	for i := range n {
		t := base.Add(time.Duration(i) * time.Minute).In(zones[i%3])
		b = b[:0]
		b = append(b, 'P')
		b = strconv.AppendInt(b, int64(i/2), 10)
		b = fmt.Appendf(b, ",service-%d,high,user%d@example.com,primary,%d,", i%12, i%40, 1+i%2)
		b = t.AppendFormat(b, time.RFC3339)
		b = append(b, ',')
		if i%3 == 0 {
			b = t.Add(4*time.Minute).AppendFormat(b, time.RFC3339)
			b = append(b, ',')
			b = t.Add(47*time.Minute).AppendFormat(b, time.RFC3339)
		} else {
			b = append(b, ',')
		}
		b = append(b, '\n')
		w.Write(b)
	}
}

// genPagerDuty writes n incidents and their log entries as saved API responses, 100 records
// per page. Every incident is triggered, notifies its primary by push and SMS and is
// acknowledged and resolved; every fifth escalates and notifies a secondary first.
func genPagerDuty(incW, logW io.Writer, n int) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ts := func(t time.Time) string { return t.Format(time.RFC3339) }
	const per = 100
	le := 0
	var logs []string
	entry := func(inc string, typ string, at time.Time, extra string) {
		le++
		logs = append(logs, fmt.Sprintf(`{"id":"R%013d","type":"%s","summary":"%s","self":"https://api.pagerduty.com/log_entries/R%013d","html_url":null,"created_at":"%s",%s"service":{"id":"PSVC%03d","type":"service_reference","summary":"service-%d"},"incident":{"id":"%s","type":"incident_reference","summary":"[#1] disk full"},"teams":[],"contexts":[]}`,
			le, typ, typ, le, ts(at), extra, len(inc)%50, len(inc)%50, inc))
	}
	for p := 0; p*per < n; p++ {
		var incs []string
		logs = logs[:0]
		for i := p * per; i < min(n, (p+1)*per); i++ {
			id := fmt.Sprintf("Q%013d", i)
			t := base.Add(time.Duration(i) * 7 * time.Minute)
			primary := fmt.Sprintf(`{"id":"PUSER%02d","type":"user_reference","summary":"User %d"}`, i%40, i%40)
			incs = append(incs, fmt.Sprintf(`{"id":"%s","type":"incident","summary":"[#%d] disk full","self":"https://api.pagerduty.com/incidents/%s","html_url":"https://example.pagerduty.com/incidents/%s","incident_number":%d,"title":"disk full","created_at":"%s","updated_at":"%s","status":"resolved","incident_key":"k%d","service":{"id":"PSVC%03d","type":"service_reference","summary":"service-%d"},"assignments":[],"assigned_via":"escalation_policy","last_status_change_at":"%s","resolved_at":"%s","escalation_policy":{"id":"PEP01","type":"escalation_policy_reference","summary":"Default"},"teams":[{"id":"PT1","type":"team_reference","summary":"Ops"}],"acknowledgements":[],"urgency":"high","priority":null}`,
				id, i, id, id, i, ts(t), ts(t.Add(time.Hour)), i, i%50, i%50, ts(t.Add(time.Hour)), ts(t.Add(time.Hour))))
			entry(id, "trigger_log_entry", t, `"agent":{"id":"PSVC001","type":"service_reference"},"channel":{"type":"api"},`)
			at := t.Add(time.Second)
			if i%5 == 0 {
				entry(id, "notify_log_entry", at, `"channel":{"type":"phone"},"user":`+fmt.Sprintf(`{"id":"PUSER%02d","type":"user_reference","summary":"User"}`, (i+1)%40)+`,`)
				entry(id, "escalate_log_entry", at.Add(5*time.Minute), `"channel":{"type":"timeout"},`)
				at = at.Add(5*time.Minute + time.Second)
			}
			entry(id, "notify_log_entry", at, `"channel":{"type":"push_notification"},"user":`+primary+`,`)
			entry(id, "notify_log_entry", at.Add(time.Minute), `"channel":{"type":"sms"},"user":`+primary+`,`)
			entry(id, "acknowledge_log_entry", at.Add(3*time.Minute), `"agent":`+primary+`,"channel":{"type":"mobile"},`)
			entry(id, "resolve_log_entry", t.Add(time.Hour), `"agent":`+primary+`,"channel":{"type":"web_ui"},`)
		}
		fmt.Fprintf(incW, `{"incidents":[%s],"limit":%d,"offset":%d,"total":null,"more":true}`+"\n", strings.Join(incs, ","), per, p*per)
		fmt.Fprintf(logW, `{"log_entries":[%s],"limit":%d,"offset":%d,"total":null,"more":true}`+"\n", strings.Join(logs, ","), per, p*per)
	}
}

// cpuTime is the user plus system CPU time of the process so far: on a shared machine the
// wall time of a benchmark says more about the neighbours than about the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs fn once per iteration and reports its peak heap and CPU time per run.
func measure(b *testing.B, fn func()) {
	var peak uint64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		runtime.GC() // start each run from the same clean heap
		b.StartTimer()
		c0 := cpuTime()
		peak = max(peak, peakHeap(fn))
		cpu += cpuTime() - c0
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// peakHeap samples live heap bytes while fn runs and returns the peak above the level
// before it. Sampling runtime/metrics does not stop the world.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	before := read()
	var peak uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				v := read()
				mu.Lock()
				peak = max(peak, v)
				mu.Unlock()
			}
		}
	}()
	fn()
	peak = max(peak, read())
	close(stop)
	<-done
	if peak < before {
		return 0
	}
	return peak - before
}

var (
	tableOnce sync.Once
	tableData []byte
	pdOnce    sync.Once
	pdInc     []byte
	pdLog     []byte
)

const benchRows = 1_000_000

func benchTable() []byte {
	tableOnce.Do(func() {
		var b bytes.Buffer
		genTable(&b, benchRows)
		tableData = b.Bytes()
	})
	return tableData
}

// BenchmarkCSVMillionRows parses and validates a 1,000,000-row table, streaming (pages
// discarded) and collecting all pages in a slice.
func BenchmarkCSVMillionRows(b *testing.B) {
	data := benchTable()
	b.Run("stream", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		measure(b, func() {
			cr := NewCSVReader(bytes.NewReader(data), "bench.csv", Strict)
			for {
				_, err := cr.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			if cr.Report().Accepted != benchRows {
				b.Fatal("rows lost")
			}
		})
	})
	b.Run("collect", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		measure(b, func() {
			pages, _, err := Config{}.ReadCSV(ReaderSource("bench.csv", bytes.NewReader(data)))
			if err != nil || len(pages) != benchRows {
				b.Fatal(err, len(pages))
			}
		})
	})
}

const benchIncidents = 100_000

// BenchmarkPagerDutyHundredThousand rebuilds pages from 100,000 incidents and their 540,000
// log entries.
func BenchmarkPagerDutyHundredThousand(b *testing.B) {
	pdOnce.Do(func() {
		var inc, log bytes.Buffer
		genPagerDuty(&inc, &log, benchIncidents)
		pdInc, pdLog = inc.Bytes(), log.Bytes()
	})
	b.SetBytes(int64(len(pdInc) + len(pdLog)))
	measure(b, func() {
		pages, rep, err := Config{}.ReadPagerDuty([]Source{ReaderSource("i.json", bytes.NewReader(pdInc))},
			[]Source{ReaderSource("l.json", bytes.NewReader(pdLog))})
		if err != nil || len(pages) != benchIncidents*6/5 {
			b.Fatal(err, len(pages), rep.Rejected)
		}
	})
	b.ReportMetric(float64(len(pdInc)+len(pdLog))/(1<<20), "input-MB")
}

func TestGeneratorsProduceValidInput(t *testing.T) {
	var tb bytes.Buffer
	genTable(&tb, 30)
	pages, rep, err := Config{}.ReadCSV(ReaderSource("g.csv", &tb))
	if err != nil || len(pages) != 30 || rep.Accepted != 30 {
		t.Fatal(err, len(pages))
	}
	var inc, log bytes.Buffer
	genPagerDuty(&inc, &log, 250)
	pages, rep, err = Config{}.ReadPagerDuty([]Source{ReaderSource("i", &inc)}, []Source{ReaderSource("l", &log)})
	if err != nil || len(pages) != 300 || rep.Read != 250+250*5+50*2 {
		t.Fatal(err, len(pages), rep)
	}
}
