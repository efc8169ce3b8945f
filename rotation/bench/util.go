package main

import (
	"bytes"
	"io"
	"math"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

func nanF() float64 { return math.NaN() }
