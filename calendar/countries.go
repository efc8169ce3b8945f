package calendar

import (
	"slices"
	"strings"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/ar"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/bg"
	"github.com/rickar/cal/v2/br"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/cz"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/ecb"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/gr"
	"github.com/rickar/cal/v2/hr"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/lt"
	"github.com/rickar/cal/v2/lv"
	"github.com/rickar/cal/v2/mw"
	"github.com/rickar/cal/v2/nc"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/ro"
	"github.com/rickar/cal/v2/ru"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/si"
	"github.com/rickar/cal/v2/sk"
	"github.com/rickar/cal/v2/ua"
	"github.com/rickar/cal/v2/us"
	"github.com/rickar/cal/v2/za"
)

// countryTable maps every supported holiday-region code to the rickar/cal (v2.1.13) list
// that backs it. It builds a fresh map on each call so the package holds no mutable
// package-level state; it is the single source of truth for both Countries and
// countryHolidays.
//
// What the lists are. Each code is backed by the one list its rickar/cal package publishes
// as the standard holiday list for that country or region (Holidays, or HolidaysXX for a
// region); the per-holiday variables and any other exported values are not added. Those
// lists are taken as the days off. They are not filtered by cal.Holiday.Type, because Type
// is too inconsistent to filter on. Examples from v2.1.13: nearly all of ie.Holidays is
// ObservanceUnknown; gb, ecb and most Christmas/Boxing Day entries are ObservanceBank;
// Midsummer Eve, Christmas Eve and New Year's Eve in se.Holidays are ObservanceOther; and real public
// holidays such as Prešernov dan (SI), Koningsdag (NL) and Tiradentes (BR) are
// ObservanceUnknown.
//
// Regions. Only au, ch and de ship regional lists. Each regional list is complete: it
// already contains the national holidays that apply there, so it is used as is and not
// merged with the national list (that would double them). au has no national list, so
// there is no plain "AU" code. ch.Holidays is the union of holidays that many cantons
// observe (Berchtoldstag, Josefstag, Fronleichnam, ...) rather than a nationwide list;
// "CH" exposes it as published, but callers should prefer a canton code. gb ships only
// the England & Wales bank holidays (summer bank holiday on the last Monday of August, no
// Scottish or Northern Irish days), exposed as "GB". ca and us ship only one list each:
// federal for us; for ca, a national list that mixes in holidays not observed in every
// province. "ECB" is the European Central Bank TARGET closing-day calendar, which has
// no ISO code.
func countryTable() map[string][]*cal.Holiday {
	return map[string][]*cal.Holiday{
		"AR": ar.Holidays,
		"AT": at.Holidays,

		// Australia: states and territories only (no national list in rickar/cal).
		"AU-ACT": au.HolidaysACT,
		"AU-NSW": au.HolidaysNSW,
		"AU-NT":  au.HolidaysNT,
		"AU-QLD": au.HolidaysQLD,
		"AU-SA":  au.HolidaysSA,
		"AU-TAS": au.HolidaysTAS,
		"AU-VIC": au.HolidaysVIC,
		"AU-WA":  au.HolidaysWA,

		"BE": be.Holidays,
		"BG": bg.Holidays,
		"BR": br.Holidays,
		"CA": ca.Holidays,

		// Switzerland: the package's national list plus all 26 cantons.
		"CH":    ch.Holidays,
		"CH-AG": ch.HolidaysAG,
		"CH-AI": ch.HolidaysAI,
		"CH-AR": ch.HolidaysAR,
		"CH-BE": ch.HolidaysBE,
		"CH-BL": ch.HolidaysBL,
		"CH-BS": ch.HolidaysBS,
		"CH-FR": ch.HolidaysFR,
		"CH-GE": ch.HolidaysGE,
		"CH-GL": ch.HolidaysGL,
		"CH-GR": ch.HolidaysGR,
		"CH-JU": ch.HolidaysJU,
		"CH-LU": ch.HolidaysLU,
		"CH-NE": ch.HolidaysNE,
		"CH-NW": ch.HolidaysNW,
		"CH-OW": ch.HolidaysOW,
		"CH-SG": ch.HolidaysSG,
		"CH-SH": ch.HolidaysSH,
		"CH-SO": ch.HolidaysSO,
		"CH-SZ": ch.HolidaysSZ,
		"CH-TG": ch.HolidaysTG,
		"CH-TI": ch.HolidaysTI,
		"CH-UR": ch.HolidaysUR,
		"CH-VD": ch.HolidaysVD,
		"CH-VS": ch.HolidaysVS,
		"CH-ZG": ch.HolidaysZG,
		"CH-ZH": ch.HolidaysZH,

		"CZ": cz.Holidays,

		// Germany: the nationwide list plus all 16 Länder.
		"DE":    de.Holidays,
		"DE-BB": de.HolidaysBB,
		"DE-BE": de.HolidaysBE,
		"DE-BW": de.HolidaysBW,
		"DE-BY": de.HolidaysBY,
		"DE-HB": de.HolidaysHB,
		"DE-HE": de.HolidaysHE,
		"DE-HH": de.HolidaysHH,
		"DE-MV": de.HolidaysMV,
		"DE-NI": de.HolidaysNI,
		"DE-NW": de.HolidaysNW,
		"DE-RP": de.HolidaysRP,
		"DE-SH": de.HolidaysSH,
		"DE-SL": de.HolidaysSL,
		"DE-SN": de.HolidaysSN,
		"DE-ST": de.HolidaysST,
		"DE-TH": de.HolidaysTH,

		"DK":  dk.Holidays,
		"ECB": ecb.Holidays,
		"ES":  es.Holidays,
		"FR":  fr.Holidays,
		"GB":  gb.Holidays,
		"GR":  gr.Holidays,
		"HR":  hr.Holidays,
		"IE":  ie.Holidays,
		"IT":  it.Holidays,
		"JP":  jp.Holidays,
		"LT":  lt.Holidays,
		"LV":  lv.Holidays,
		"MW":  mw.Holidays,
		"NC":  nc.Holidays,
		"NL":  nl.Holidays,
		"NO":  no.Holidays,
		"NZ":  nz.Holidays,
		"PL":  pl.Holidays,
		"RO":  ro.Holidays,
		"RU":  ru.Holidays,
		"SE":  se.Holidays,
		"SI":  si.Holidays,
		"SK":  sk.Holidays,
		"UA":  ua.Holidays,
		"US":  us.Holidays,
		"ZA":  za.Holidays,
	}
}

// Countries returns the sorted holiday-region codes this package knows from rickar/cal:
// ISO 3166-1 alpha-2 country codes in upper case ("US", "GB", "DE"), and for the countries
// where rickar/cal ships regional lists, "CC-RR" codes ("DE-BY", "AU-NSW", "CH-ZH").
// It also includes "ECB", the European Central Bank TARGET closing days. Australia has
// only regional codes ("AU-NSW" ... "AU-WA"), because rickar/cal has no national list for
// it. The returned slice is newly allocated on each call.
func Countries() []string {
	table := countryTable()
	codes := make([]string, 0, len(table))
	for code := range table {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return codes
}

// countryHolidays returns the rickar/cal holiday rules for a code as returned by Countries
// (case-insensitive, "_" accepted for "-"), and false when the code is unknown.
//
// The returned slice is a new copy (slices.Clone), so appending to it cannot write into
// rickar/cal's backing array. jp.Holidays, for one, has spare capacity. The *cal.Holiday
// values it points to are shared with rickar/cal and with every other caller: they are
// read-only, and callers must not modify them. Use (*cal.Holiday).Clone to derive a
// changed rule.
func countryHolidays(code string) ([]*cal.Holiday, bool) {
	key := strings.ToUpper(strings.ReplaceAll(code, "_", "-"))
	list, ok := countryTable()[key]
	if !ok {
		return nil, false
	}
	return slices.Clone(list), true
}
