package main

import (
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// writeOptions are the serializer settings for our data: our prefixes and
// our JSON-LD context (the same on every instance), never a remote one.
func writeOptions() rdfio.WriteOptions {
	return rdfio.WriteOptions{
		Prefixes: vocab.Prefixes(),
		Context:  vocab.Context(),
	}
}
