package data_test

import (
	"fmt"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/examples/data"
	"github.com/wellrested/oncall/internal/teamfile"
)

func ExampleOpen() {
	f, err := data.Open(data.TeamFile)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	team, err := teamfile.Decode(f, data.TeamFile)
	if err != nil {
		panic(err)
	}
	p, err := data.Open(data.PagesFile)
	if err != nil {
		panic(err)
	}
	defer p.Close()
	pages, err := oncall.NewPageReader(p).ReadAll()
	if err != nil {
		panic(err)
	}
	fmt.Printf("team %s: %d responders, %d pages\n", team.Name, len(team.Responders), len(pages))
	// Output:
	// team payments: 7 responders, 1924 pages
}
