package report

import "html/template"

// page is the report's template. The document is also well-formed XML (void elements closed,
// numeric character references only), so it can be checked with an XML parser.
var page = template.Must(template.New("report").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{{.Title}}</title>
<style>
body { font-family: "Liberation Sans", Arimo, Arial, Helvetica, sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.period { color: #555; margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 10px 12px; background: #fcfcfc; }
.card .label { font-size: 13px; color: #555; }
.card .value { font-size: 26px; font-weight: bold; margin: 2px 0; }
.card .detail { font-size: 12px; color: #666; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin-top: 6px; }
caption { text-align: left; font-weight: bold; font-size: 15px; padding: 6px 0; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e6e6e6; text-align: left; vertical-align: top; }
th { background: #f2f2f2; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1px solid #bbb; }
td.flag { color: #b2182b; font-weight: bold; }
p.note { font-size: 12.5px; color: #555; margin: 4px 0 18px; }
figure { margin: 18px 0 26px; }
figcaption { font-weight: bold; font-size: 15px; margin-bottom: 6px; }
figure svg { display: block; max-width: 100%; height: auto; }
figure.half { display: inline-block; width: 49%; vertical-align: top; margin-right: 0; }
.missing { color: #777; font-style: italic; }
footer { margin-top: 36px; font-size: 12px; color: #666; }
@media print { body { background: #fff; } main { padding: 0; } figure, table { break-inside: avoid; } }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p class="period">{{if .Period}}{{.Period}} · {{end}}times in {{.Zone}}</p>
<section>
<h2>Headlines</h2>
<div class="cards">
{{- range .Headline}}
<div class="card"><div class="label">{{.Label}}</div><div class="value">{{.Value}}</div><div class="detail">{{.Detail}}</div></div>
{{- end}}
</div>
</section>
<section>
<h2>People</h2>
{{template "table" .People}}
{{template "table" .Ledger}}
{{template "table" .Recovery}}
{{template "table" .Fatigue}}
</section>
<section>
<h2>Services</h2>
{{template "table" .Hotspots}}
</section>
<section>
<h2>Pictures</h2>
{{- range .Figures}}
{{- /* inline-block figures are separated by the newline before each */}}
<figure{{if .Half}} class="half"{{end}}>
<figcaption>{{.Caption}}</figcaption>
{{if .SVG}}{{.SVG}}{{else}}<p class="missing">{{.Missing}}</p>{{end}}
</figure>
{{- end}}
</section>
<footer>
Intervals are {{.Level}} confidence intervals: Wilson score intervals for shares, exact intervals for rate ratios.
Out of hours means outside each person's own working hours, in their own zone; sleep hours are each person's own.
The weekly trend is a Theil-Sen line with a Mann-Kendall test; the baseline is the median week.
</footer>
</main>
</body>
</html>
{{define "table"}}{{if .}}<table>
<caption>{{.Caption}}</caption>
{{- $align := .Align}}
<thead><tr>{{range $i, $h := .Head}}<th{{with index $align $i}} class="{{.}}"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{- $last := len .Rows}}{{$total := .Total}}
{{- range $i, $r := .Rows}}
<tr{{if and $total (eq (inc $i) $last)}} class="total"{{end}}>{{range $r}}<td{{if .Class}} class="{{.Class}}"{{end}}>{{.Text}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{if .Note}}<p class="note">{{.Note}}</p>{{end}}{{end}}{{end}}
`))
