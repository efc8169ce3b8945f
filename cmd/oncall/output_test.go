package main

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRecordNulls(t *testing.T) {
	at := time.Date(2026, 3, 29, 1, 30, 0, 0, time.FixedZone("", 3600))
	r := record{{"name", "a"}, {"n", 2}, {"mean_seconds", math.NaN()}, {"inf", math.Inf(1)},
		{"at", at}, {"unset_at", time.Time{}}, {"none", nil}, {"x_seconds", 1.5}}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	require.Equal(t, `{"name":"a","n":2,"mean_seconds":null,"inf":null,"at":"2026-03-29T01:30:00+01:00","unset_at":null,"none":null,"x_seconds":1.5}`, string(b))

	var out bytes.Buffer
	require.NoError(t, writeCSV(&out, table{name: "t", rows: []record{r}}, nil))
	require.Equal(t, "name,n,mean_seconds,inf,at,unset_at,none,x_seconds\na,2,,,2026-03-29T01:30:00+01:00,,,1.5\n", out.String())

	out.Reset()
	require.NoError(t, writeCSV(&out, table{name: "t"}, []string{"a", "b"}))
	require.Equal(t, "a,b\n", out.String(), "an empty table still has its header")

	out.Reset()
	require.NoError(t, writeJSON(&out, table{name: "empty"}))
	require.JSONEq(t, `{"schema_version":1,"tool_version":"devel","empty":[]}`, out.String())
}
