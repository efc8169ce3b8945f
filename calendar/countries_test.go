package calendar

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/us"
)

// countriesCivil converts a time returned by (*cal.Holiday).Calc (midnight in time.Local) to
// a civil date string. Adding 12 hours first keeps the result on the right day even when a
// DST transition makes the day 23 or 25 hours long.
func countriesCivil(t time.Time) string {
	y, m, d := t.Add(12 * time.Hour).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// countriesMustList resolves code or fails the test.
func countriesMustList(t *testing.T, code string) []*cal.Holiday {
	t.Helper()
	list, ok := countryHolidays(code)
	if !ok {
		t.Fatalf("countryHolidays(%q) not found", code)
	}
	return list
}

// countriesFind returns the holidays in list whose actual date in year is date.
func countriesFind(list []*cal.Holiday, year int, date string) []*cal.Holiday {
	var out []*cal.Holiday
	for _, h := range list {
		actual, _ := h.Calc(year)
		if !actual.IsZero() && countriesCivil(actual) == date {
			out = append(out, h)
		}
	}
	return out
}

// countriesFindOne returns the single holiday on date, failing the test otherwise.
func countriesFindOne(t *testing.T, code string, year int, date string) *cal.Holiday {
	t.Helper()
	found := countriesFind(countriesMustList(t, code), year, date)
	if len(found) != 1 {
		t.Fatalf("%s %s: want exactly one holiday, got %d", code, date, len(found))
	}
	return found[0]
}

func countriesCheckAbsent(t *testing.T, code string, year int, date string) {
	t.Helper()
	if found := countriesFind(countriesMustList(t, code), year, date); len(found) != 0 {
		t.Errorf("%s %s: want no holiday, got %q", code, date, found[0].Name)
	}
}

func countriesCheckDates(t *testing.T, h *cal.Holiday, year int, wantActual, wantObserved string) {
	t.Helper()
	actual, observed := h.Calc(year)
	if got := countriesCivil(actual); got != wantActual {
		t.Errorf("%s %d actual = %s, want %s", h.Name, year, got, wantActual)
	}
	if got := countriesCivil(observed); got != wantObserved {
		t.Errorf("%s %d observed = %s, want %s", h.Name, year, got, wantObserved)
	}
}

func TestCountriesSortedUniqueAndResolvable(t *testing.T) {
	codes := Countries()
	if len(codes) == 0 {
		t.Fatal("Countries() is empty")
	}
	for i, code := range codes {
		if i > 0 && codes[i-1] >= code {
			t.Errorf("Countries() not sorted/unique at %d: %q then %q", i, codes[i-1], code)
		}
		if code != strings.ToUpper(code) || strings.Contains(code, "_") {
			t.Errorf("code %q is not upper case with '-' separators", code)
		}
		list, ok := countryHolidays(code)
		if !ok {
			t.Errorf("countryHolidays(%q) not found", code)
			continue
		}
		if len(list) == 0 {
			t.Errorf("countryHolidays(%q) is empty", code)
		}
		seen := map[*cal.Holiday]bool{}
		for _, h := range list {
			if h == nil {
				t.Errorf("%s: nil holiday", code)
				continue
			}
			if seen[h] {
				t.Errorf("%s: holiday %q listed twice", code, h.Name)
			}
			seen[h] = true
		}
		for _, variant := range []string{strings.ToLower(code), strings.ReplaceAll(code, "-", "_"), strings.ToLower(strings.ReplaceAll(code, "-", "_"))} {
			got, ok := countryHolidays(variant)
			if !ok {
				t.Errorf("countryHolidays(%q) not found", variant)
				continue
			}
			if !slices.Equal(got, list) {
				t.Errorf("countryHolidays(%q) differs from countryHolidays(%q)", variant, code)
			}
		}
	}
}

func TestCountriesExpectedCodes(t *testing.T) {
	codes := Countries()
	// One entry per rickar/cal v2.1.13 country package, plus every regional list.
	want := []string{
		"AR", "AT",
		"AU-ACT", "AU-NSW", "AU-NT", "AU-QLD", "AU-SA", "AU-TAS", "AU-VIC", "AU-WA",
		"BE", "BG", "BR", "CA",
		"CH", "CH-AG", "CH-AI", "CH-AR", "CH-BE", "CH-BL", "CH-BS", "CH-FR", "CH-GE", "CH-GL",
		"CH-GR", "CH-JU", "CH-LU", "CH-NE", "CH-NW", "CH-OW", "CH-SG", "CH-SH", "CH-SO",
		"CH-SZ", "CH-TG", "CH-TI", "CH-UR", "CH-VD", "CH-VS", "CH-ZG", "CH-ZH",
		"CZ",
		"DE", "DE-BB", "DE-BE", "DE-BW", "DE-BY", "DE-HB", "DE-HE", "DE-HH", "DE-MV", "DE-NI",
		"DE-NW", "DE-RP", "DE-SH", "DE-SL", "DE-SN", "DE-ST", "DE-TH",
		"DK", "ECB", "ES", "FR", "GB", "GR", "HR", "IE", "IT", "JP", "LT", "LV", "MW", "NC",
		"NL", "NO", "NZ", "PL", "RO", "RU", "SE", "SI", "SK", "UA", "US", "ZA",
	}
	if !slices.Equal(codes, want) {
		t.Errorf("Countries() =\n%q\nwant\n%q", codes, want)
	}
}

func TestCountriesUnknown(t *testing.T) {
	for _, code := range []string{"IN", "XX", "", "AU", "DE-XX", "de-", "-", "DE BY", " DE", "GB-SCT", "EU"} {
		if list, ok := countryHolidays(code); ok || list != nil {
			t.Errorf("countryHolidays(%q) = %d holidays, %v; want nil, false", code, len(list), ok)
		}
	}
}

func TestCountriesReturnsCopies(t *testing.T) {
	codes := Countries()
	codes[0] = "mutated"
	if Countries()[0] == "mutated" {
		t.Error("Countries() shares its backing array between calls")
	}

	// jp.Holidays is built with append and has spare capacity, so an un-cloned slice
	// would let an append here write into rickar/cal's backing array.
	for code, shared := range map[string][]*cal.Holiday{"JP": jp.Holidays, "US": us.Holidays, "DE-BY": de.HolidaysBY} {
		a := countriesMustList(t, code)
		if !slices.Equal(a, shared) {
			t.Fatalf("%s: list differs from the rickar/cal list", code)
		}
		if &a[0] == &shared[0] {
			t.Errorf("%s: returned slice shares rickar/cal's backing array", code)
		}
		n := len(a)
		extra := &cal.Holiday{Name: "extra"}
		a = append(a[:n-1], extra, extra)
		a[0] = extra
		b := countriesMustList(t, code)
		if len(b) != n || b[0] == extra || b[n-1] == extra || !slices.Equal(b, shared) {
			t.Errorf("%s: modifying a returned slice leaked into later calls", code)
		}
	}
}

// TestCountriesRegionalListsIncludeNational checks the assumption that the German
// Länder lists are complete lists and already contain every nationwide holiday, so
// countryHolidays must not (and does not) merge in de.Holidays.
func TestCountriesRegionalListsIncludeNational(t *testing.T) {
	national := countriesMustList(t, "DE")
	for _, code := range Countries() {
		if !strings.HasPrefix(code, "DE-") {
			continue
		}
		regional := countriesMustList(t, code)
		for _, h := range national {
			if !slices.Contains(regional, h) {
				t.Errorf("%s lacks nationwide holiday %q", code, h.Name)
			}
		}
	}
}

// The expected dates below were checked against a calendar independently of rickar/cal:
// 2026-07-04 is a Saturday, 2026-12-26 a Saturday, 2026-08-01 a Saturday (so the first
// Monday of August is the 3rd), 2026-10-01 a Thursday (first Monday of October is the 5th)
// and 2026-11-01 a Sunday (first Tuesday of November is the 3rd).

func TestCountriesUSIndependenceDay2026(t *testing.T) {
	h := countriesFindOne(t, "US", 2026, "2026-07-04")
	if h.Name != "Independence Day" {
		t.Errorf("US 2026-07-04 = %q, want Independence Day", h.Name)
	}
	// Federal rule: a Saturday holiday is observed on the preceding Friday.
	countriesCheckDates(t, h, 2026, "2026-07-04", "2026-07-03")
}

func TestCountriesGermanyEpiphany(t *testing.T) {
	// Heilige Drei Könige (6 January) is a public holiday in Bavaria, not in Berlin.
	h := countriesFindOne(t, "DE-BY", 2026, "2026-01-06")
	if h.Name != "Heilige Drei Könige" {
		t.Errorf("DE-BY 2026-01-06 = %q, want Heilige Drei Könige", h.Name)
	}
	countriesCheckAbsent(t, "DE-BE", 2026, "2026-01-06")
	countriesCheckAbsent(t, "DE", 2026, "2026-01-06")
	// Berlin's own holiday: Internationaler Frauentag, 8 March.
	countriesFindOne(t, "DE-BE", 2026, "2026-03-08")
	countriesCheckAbsent(t, "DE-BY", 2026, "2026-03-08")
}

func TestCountriesAustralia(t *testing.T) {
	// NT Picnic Day: first Monday of August.
	h := countriesFindOne(t, "AU-NT", 2026, "2026-08-03")
	if h.Name != "Picnic Day" {
		t.Errorf("AU-NT 2026-08-03 = %q, want Picnic Day", h.Name)
	}
	// The NSW "Bank Holiday" (also the first Monday of August) applies only to banks and
	// financial institutions. It is not a general public holiday, and rickar/cal does not
	// list it.
	countriesCheckAbsent(t, "AU-NSW", 2026, "2026-08-03")
	// NSW Labour Day: first Monday of October.
	if h := countriesFindOne(t, "AU-NSW", 2026, "2026-10-05"); h.Name != "Labour Day" {
		t.Errorf("AU-NSW 2026-10-05 = %q, want Labour Day", h.Name)
	}
	// Melbourne Cup: first Tuesday of November, Victoria only.
	if h := countriesFindOne(t, "AU-VIC", 2026, "2026-11-03"); h.Name != "Melbourne Cup" {
		t.Errorf("AU-VIC 2026-11-03 = %q, want Melbourne Cup", h.Name)
	}
	countriesCheckAbsent(t, "AU-NSW", 2026, "2026-11-03")
}

func TestCountriesSwitzerland(t *testing.T) {
	// rickar/cal does not ship Sechseläuten (a Zurich afternoon custom, not a cantonal
	// public holiday). Check the canton-specific Labour Day instead: 1 May is a public
	// holiday in Zurich but not in Bern. Bern's Berchtoldstag (2 January) is not a
	// public holiday in Zurich.
	if h := countriesFindOne(t, "CH-ZH", 2026, "2026-05-01"); h.Name != "Tag der Arbeit" {
		t.Errorf("CH-ZH 2026-05-01 = %q, want Tag der Arbeit", h.Name)
	}
	countriesCheckAbsent(t, "CH-BE", 2026, "2026-05-01")
	if h := countriesFindOne(t, "CH-BE", 2026, "2026-01-02"); h.Name != "Berchtoldstag" {
		t.Errorf("CH-BE 2026-01-02 = %q, want Berchtoldstag", h.Name)
	}
	countriesCheckAbsent(t, "CH-ZH", 2026, "2026-01-02")
	// The federal holiday, 1 August, applies in every canton.
	for _, code := range Countries() {
		if code == "CH" || strings.HasPrefix(code, "CH-") {
			countriesFindOne(t, code, 2026, "2026-08-01")
		}
	}
}

func TestCountriesGBChristmas2026(t *testing.T) {
	christmas := countriesFindOne(t, "gb", 2026, "2026-12-25")
	if christmas.Name != "Christmas Day" {
		t.Errorf("GB 2026-12-25 = %q, want Christmas Day", christmas.Name)
	}
	countriesCheckDates(t, christmas, 2026, "2026-12-25", "2026-12-25")

	boxing := countriesFindOne(t, "GB", 2026, "2026-12-26")
	if boxing.Name != "Boxing Day" {
		t.Errorf("GB 2026-12-26 = %q, want Boxing Day", boxing.Name)
	}
	// Boxing Day 2026 is a Saturday; the substitute bank holiday is Monday 28 December.
	countriesCheckDates(t, boxing, 2026, "2026-12-26", "2026-12-28")
}
