module github.com/stadleuven/maturity

go 1.26.8

require (
	github.com/go-chi/chi/v5 v5.5.0
	github.com/knakk/rdf v0.0.0-20190304171630-8521bf4c5042
	github.com/knakk/sparql v0.0.0-20240119140508-255b851aa040
	github.com/piprate/json-gold v0.9.1
	go.etcd.io/bbolt v1.5.0
	golang.org/x/crypto v0.59.0
	golang.org/x/term v0.48.0
)

require (
	github.com/cayleygraph/quad v1.3.0 // indirect
	github.com/knakk/digest v0.0.0-20160404164910-fd45becddc49 // indirect
	github.com/pquerna/cachecontrol v0.2.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
