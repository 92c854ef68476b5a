// Package svgchart draws the site's charts as SVG on the server, so that a
// page shows them without JavaScript, prints them and keeps them readable
// when scaled. Every chart is an <svg role="img"> labelled by its own
// <title> and <desc> (the desc says in words what the chart shows), every
// mark carries a <title> with its category and value, and every series
// differs by shape and line pattern as well as by colour; the colours reach
// at least 4.5:1 against white. The chart is not the only copy of its
// figures: the pages put a data table beside each one.
//
// A radar groups its spokes (<g class="spokes">) and their labels (<g
// class="axes">), so that tests and style sheets can find them.
//
// The package knows nothing of maturity models or languages: callers give
// the labels, the texts and the number format.
//
//	svg.go     the writer, the palette, markers, text wrapping
//	radar.go   Radar: values per category on spokes around a centre
//	bars.go    Bars: grouped horizontal bars per category
//	ranges.go  Ranges: per category the spread of a population (extremes,
//	           quartiles, median) and one member's value
//	line.go    Line: series over ordered steps (years)
package svgchart
