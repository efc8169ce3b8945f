package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// jsonProblem classifies an encoding/json error. A problem that is not fatal concerns one
// value only: the decoder has read past it and can go on with the next record.
type jsonProblem struct {
	field, value string
	err          error
	fatal        bool
}

func classifyJSON(err error) jsonProblem {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return jsonProblem{field: te.Field, value: te.Value, err: fmt.Errorf("%w: JSON %s where %s belongs", ErrType, te.Value, te.Type)}
	case errors.As(err, &se):
		return jsonProblem{err: fmt.Errorf("%w: %v at byte %d", ErrSyntax, se, se.Offset), fatal: true}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return jsonProblem{err: fmt.Errorf("%w: input ends inside a JSON value", ErrSyntax), fatal: true}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json has no typed error for DisallowUnknownFields.
		name, uerr := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		if uerr != nil {
			name = ""
		}
		return jsonProblem{field: name, value: name, err: ErrUnknownField}
	}
	return jsonProblem{err: err, fatal: true}
}
