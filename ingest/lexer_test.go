package ingest

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"
)

type stuckReader struct{}

func (stuckReader) Read([]byte) (int, error) { return 0, nil }

func TestLexerReaders(t *testing.T) {
	_, _, err := Config{}.ReadPagerDuty([]Source{ReaderSource("s", stuckReader{})}, nil)
	require.ErrorIs(t, err, io.ErrNoProgress)

	boom := errors.New("disk gone")
	_, _, err = Config{}.ReadPagerDuty([]Source{ReaderSource("e", io.MultiReader(strings.NewReader(`{"incidents":[`), iotest.ErrReader(boom)))}, nil)
	require.ErrorIs(t, err, boom)
}

// One byte per Read exercises every refill path: strings, escapes and surrogate pairs split
// across reads decode as in one piece.
func TestLexerOneByteReads(t *testing.T) {
	in := `{"incidents":[{"id":"Q\u00e9\ud83d\ude00\"1","created_at":"2026-03-08T03:00:00Z","service":{"summary":"a\/b"},` +
		`"assignments":[{"at":"2026-03-08T03:00:01Z","assignee":{"id":"PU1"}}],"n":[-0.5e+3,true,false,null]}]}`
	pages, _, err := Config{}.ReadPagerDuty([]Source{ReaderSource("i", iotest.OneByteReader(bytes.NewReader([]byte(in))))}, nil)
	require.NoError(t, err)
	require.Len(t, pages, 1)
	require.Equal(t, "Qé😀\"1", pages[0].IncidentID)
	require.Equal(t, "a/b", pages[0].Service)
}
