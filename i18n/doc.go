// Package i18n is the one message catalogue of the HTTP packages
// (ldserver, sparqlhttp, webapp) and their shared page frame: every
// user-facing text, in Dutch (the default) and English, under one key.
// A page or an answer picks its language once and takes every text in it
// from here, so one page never mixes the two.
//
//	i18n.go      T (look up and format), Langs, Supported, StatusTitle
//	messages.go  the catalogue: one entry a key, Dutch then English
//
// The test checks that both languages are filled in for every key, that
// they take the same fmt arguments, and that every key the code and the
// templates of the repository ask for exists.
package i18n
