package hub

import (
	"math"
	"sort"
)

// Spread summarises the scores of one domain across organisations.
type Spread struct {
	N                        int
	Min, Q1, Median, Q3, Max float64
	Mean                     float64
}

// IQR is the interquartile range, Q3 − Q1.
func (s Spread) IQR() float64 { return s.Q3 - s.Q1 }

// spreadOf computes the summary of xs; quartiles by linear interpolation
// between the order statistics (type 7 of Hyndman and Fan, the default
// of R and of spreadsheet programs' QUARTILE), so a reader can check them.
func spreadOf(xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	q := func(p float64) float64 {
		h := p * float64(len(s)-1)
		lo := math.Floor(h)
		if int(lo)+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[int(lo)] + (h-lo)*(s[int(lo)+1]-s[int(lo)])
	}
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	return Spread{N: len(s), Min: s[0], Q1: q(.25), Median: q(.5), Q3: q(.75), Max: s[len(s)-1], Mean: sum / float64(len(s))}
}
