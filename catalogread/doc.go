// Package catalogread reads DCAT catalogs that others publish: from a file
// or a URL, in any RDF format this project parses (Turtle, N-Triples,
// N-Quads, RDF/XML, JSON-LD), as one document or as a series of Hydra pages
// (hydra:next or hydra:nextPage, in either namespace Hydra has had). It
// lists the catalog's datasets with their distributions and services and
// hands out the description of one dataset.
//
// It does not fetch by itself: Walk follows the pages through a function
// the caller gives, so that the evidence scorer (plain GETs through
// internal/webfetch) and the harvester (conditional GETs, a page cache,
// same-origin rules and a byte budget) share the paging and decoding
// without sharing their HTTP policies.
//
// Layout:
//
//	walk.go     Walk and NextPage: Hydra paging
//	decode.go   Decode, ReadFile, Parse, SniffRDF: bytes to quads
//	index.go    Index: datasets, distributions, services; Describe
package catalogread
