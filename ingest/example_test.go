package ingest_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wellrested/oncall/ingest"
)

func ExampleConfig_ReadPagerDuty() {
	incidents := `{"incidents":[{"id":"Q1","urgency":"high","created_at":"2026-03-08T02:59:30Z",
		"service":{"id":"PSVC1","summary":"payments-api"},"assignments":[],"acknowledgements":[],
		"resolved_at":"2026-03-08T03:40:00Z"}],"more":false}`
	logEntries := `{"log_entries":[
		{"id":"R1","type":"notify_log_entry","created_at":"2026-03-08T02:59:31Z","user":{"id":"PU1","summary":"Alice Example"},"incident":{"id":"Q1"}},
		{"id":"R2","type":"escalate_log_entry","created_at":"2026-03-08T03:04:31Z","incident":{"id":"Q1"}},
		{"id":"R3","type":"notify_log_entry","created_at":"2026-03-08T03:04:32Z","user":{"id":"PU2","summary":"Bob Example"},"incident":{"id":"Q1"}},
		{"id":"R4","type":"acknowledge_log_entry","created_at":"2026-03-08T03:06:00Z","agent":{"id":"PU2"},"incident":{"id":"Q1"}},
		{"id":"R5","type":"resolve_log_entry","created_at":"2026-03-08T03:40:00Z","agent":{"id":"PU2"},"incident":{"id":"Q1"}}]}`
	c := ingest.Config{Responders: map[string]string{"PU1": "alice@example.com", "PU2": "bob@example.com"}}
	pages, report, err := c.ReadPagerDuty(
		[]ingest.Source{ingest.ReaderSource("incidents.json", strings.NewReader(incidents))},
		[]ingest.Source{ingest.ReaderSource("log_entries.json", strings.NewReader(logEntries))})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("read %d, accepted %d\n", report.Read, report.Accepted)
	_ = ingest.WriteCSV(os.Stdout, pages)
	// Output:
	// read 6, accepted 6
	// incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at
	// Q1,payments-api,high,alice@example.com,primary,1,2026-03-08T02:59:31Z,2026-03-08T03:06:00Z,2026-03-08T03:40:00Z
	// Q1,payments-api,high,bob@example.com,secondary,2,2026-03-08T03:04:32Z,2026-03-08T03:06:00Z,2026-03-08T03:40:00Z
}

func ExampleConfig_ReadOpsgenie() {
	alerts := `{"data":[
		{"id":"a1","createdAt":"2026-03-08T02:17:00Z","priority":"P1","tags":["service:payments-api"],
		 "report":{"ackTime":90000,"closeTime":1800000,"acknowledgedBy":"bob@example.com"}},
		{"id":"a2","createdAt":"2026-03-08T04:00:00","priority":"P3","owner":"carol@example.com"}]}`
	pages, report, err := ingest.Config{Mode: ingest.Lenient}.ReadOpsgenie(ingest.ReaderSource("alerts.json", strings.NewReader(alerts)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("read %d, accepted %d, rejected %d\n", report.Read, report.Accepted, report.Rejected)
	for _, pe := range report.Rejections {
		fmt.Println(pe, errors.Is(pe, ingest.ErrNoOffset))
	}
	_ = ingest.WriteCSV(os.Stdout, pages)
	// Output:
	// read 2, accepted 1, rejected 1
	// alerts.json: record 1 (id "a2"), field createdAt "2026-03-08T04:00:00": time has no UTC offset and no zone was named true
	// incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at
	// a1,payments-api,P1,bob@example.com,,,2026-03-08T02:17:00Z,2026-03-08T02:18:30Z,2026-03-08T02:47:00Z
}

func ExampleConfig_ReadGrafanaOnCall() {
	groups := `{"count":1,"next":null,"results":[{"id":"I1","integration_id":"CPROM","state":"resolved",
		"created_at":"2026-07-01 23:10:00","acknowledged_at":"2026-07-01 23:14:00","acknowledged_by":"UALICE",
		"resolved_at":"2026-07-02 00:05:00","resolved_by":"UALICE"}]}`
	pages, _, err := ingest.Config{Zone: "Asia/Kolkata"}.ReadGrafanaOnCall(ingest.ReaderSource("groups.json", strings.NewReader(groups)))
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = ingest.WriteNDJSON(os.Stdout, pages)
	// Output:
	// {"incident_id":"I1","service":"CPROM","urgency":"","responder":"UALICE","role":"","escalation_level":0,"triggered_at":"2026-07-01T23:10:00+05:30","acknowledged_at":"2026-07-01T23:14:00+05:30","resolved_at":"2026-07-02T00:05:00+05:30"}
}

func ExampleCSVReader() {
	table := `incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at
P1,payments-api,high,alice@example.com,primary,1,2026-03-08T03:00:00Z,2026-03-08T03:04:00Z,
P2,payments-api,high,bob@example.com,primary,1,2026-03-08T04:00:00,,
P3,ledger,low,carol@example.com,primary,1,2026-03-08T05:00:00-05:00,,
`
	cr := ingest.NewCSVReader(strings.NewReader(table), "pages.csv", ingest.Lenient)
	for {
		p, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.IncidentID, p.Responder, p.Triggered.UTC().Format("15:04"))
	}
	r := cr.Report()
	fmt.Printf("read %d, accepted %d, rejected %d: %v\n", r.Read, r.Accepted, r.Rejected, r.Rejections[0])
	// Output:
	// P1 alice@example.com 03:00
	// P3 carol@example.com 10:00
	// read 3, accepted 2, rejected 1: pages.csv: line 3, field triggered_at "2026-03-08T04:00:00": not an RFC 3339 time with offset
}
