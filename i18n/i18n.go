package i18n

import (
	"fmt"
	"net/http"
)

// Default is the language of a page or answer when nothing asks for
// another.
const Default = "nl"

// Supported lists the languages of the catalogue, the default first.
var Supported = []string{"nl", "en"}

// Langs returns the supported languages with def first; def must be one
// of them (nl when it is not).
func Langs(def string) []string {
	if def == "en" {
		return []string{"en", "nl"}
	}
	return []string{"nl", "en"}
}

// Valid reports whether lang is a language of the catalogue.
func Valid(lang string) bool { return lang == "nl" || lang == "en" }

// T returns the text of key in lang (Dutch for any language but English),
// formatted with args when given. An unknown key returns the key itself,
// which the tests never let happen.
func T(lang, key string, args ...any) string {
	e, ok := catalogue[key]
	if !ok {
		return key
	}
	t := e[0]
	if lang == "en" {
		t = e[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(t, args...)
	}
	return t
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	_, ok := catalogue[key]
	return ok
}

// StatusTitle is the headline of an error page: the code and its name in
// lang ("404 — Niet gevonden").
func StatusTitle(lang string, code int) string {
	name := http.StatusText(code)
	if e, ok := catalogue[fmt.Sprintf("status%d", code)]; ok {
		name = e[0]
		if lang == "en" {
			name = e[1]
		}
	}
	return fmt.Sprintf("%d — %s", code, name)
}
