package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/wellrested/oncall/fatigue"
)

// tuningHelp documents the flags of addTuning, shared by oncall fatigue and oncall recovery.
const tuningHelp = `Tuning (durations such as 90s, 2m or 1h30m; negative or malformed values are usage
errors):
  --merge-gap D    a page notified within D of the end of a person's current episode joins
                   it (default 1m0s); 0: only pages that overlap merge
  --engagement D   how long a person stays engaged after acknowledging (or, without an
                   acknowledgement, after being notified) when the resolution is unknown
                   (default 15m0s); must be more than 0
  --fall-asleep D  time to fall asleep again after an episode in sleep hours, counted as
                   sleep lost (default 20m0s); 0: none
`

// tuning is the fatigue package's settings from the command line.
type tuning struct {
	episodes fatigue.EpisodeConfig
	options  fatigue.Options
}

// errNegative and errZero are the reasons a duration flag is refused.
var (
	errNegative = errors.New("must not be negative")
	errZero     = errors.New("must be more than 0")
)

// durationFlag is a duration that must not be negative (nor zero when !zeroOK). Zero
// means "none" and is stored as -1 ns, the fatigue package's "none", because its own zero
// means "the default".
type durationFlag struct {
	d      *time.Duration
	zeroOK bool
}

func (f durationFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return fmt.Errorf("want a duration such as 90s, 2m or 1h30m")
	case d < 0:
		return errNegative
	case d == 0 && !f.zeroOK:
		return errZero
	case d == 0:
		d = -1
	}
	*f.d = d
	return nil
}

// addTuning adds --merge-gap, --engagement and --fall-asleep to fs, with the fatigue
// package's defaults.
func addTuning(fs *flag.FlagSet) *tuning {
	t := &tuning{
		episodes: fatigue.EpisodeConfig{MergeGap: fatigue.DefaultMergeGap, Engagement: fatigue.DefaultEngagement},
		options:  fatigue.Options{FallAsleep: fatigue.DefaultFallAsleep},
	}
	fs.Var(durationFlag{&t.episodes.MergeGap, true}, "merge-gap", "pages within this of an episode's end join it; 0: only overlapping")
	fs.Var(durationFlag{&t.episodes.Engagement, false}, "engagement", "engagement after acknowledgement when the resolution is unknown")
	fs.Var(durationFlag{&t.options.FallAsleep, true}, "fall-asleep", "time to fall asleep again after an episode; 0: none")
	return t
}
