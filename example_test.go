package oncall_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/wellrested/oncall"
)

func ExamplePage_Validate() {
	t := time.Date(2026, 3, 8, 3, 0, 0, 0, time.UTC)
	p := oncall.Page{IncidentID: "P1", Triggered: t, Acknowledged: t.Add(-time.Minute)}
	fmt.Println(p.Validate())
	// Output:
	// responder "": required field is empty
	// acknowledged_at "2026-03-08T02:59:00Z": acknowledged before triggered 2026-03-08T03:00:00Z
}

func ExampleNewPageReader() {
	table := `incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at
P1,payments-api,high,alice,primary,1,2026-03-08T03:00:00Z,2026-03-08T03:04:00Z,2026-03-08T05:00:00Z
`
	pages, err := oncall.NewPageReader(strings.NewReader(table)).ReadAll()
	if err != nil {
		fmt.Println(err)
		return
	}
	ack, _ := pages[0].TimeToAck()
	fmt.Println(pages[0].Responder, ack)
	_ = oncall.WritePages(os.Stdout, pages)
	// Output:
	// alice 4m0s
	// incident_id,service,urgency,responder,role,escalation_level,triggered_at,acknowledged_at,resolved_at
	// P1,payments-api,high,alice,primary,1,2026-03-08T03:00:00Z,2026-03-08T03:04:00Z,2026-03-08T05:00:00Z
}

func ExampleSchedule_Gaps() {
	at := func(d int) time.Time { return time.Date(2026, 1, d, 10, 0, 0, 0, time.UTC) }
	s := oncall.Schedule{
		{Responder: "alice", Role: oncall.Primary, Start: at(6), End: at(13)},
		{Responder: "bob", Role: oncall.Primary, Start: at(14), End: at(20)},
	}
	for _, g := range s.Gaps(oncall.Primary, at(6), at(20)) {
		fmt.Println(g.Start.Format(time.DateTime), "to", g.End.Format(time.DateTime))
	}
	// Output:
	// 2026-01-13 10:00:00 to 2026-01-14 10:00:00
}
