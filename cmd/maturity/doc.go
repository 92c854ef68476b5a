// Command maturity measures a city's open-data maturity and publishes it as
// linked open data: one binary to serve, import, export, query and check the
// store. Run `maturity help` for the subcommands.
//
// Every store directory holds instance.json: the base IRI the instance
// publishes under and the layout of its data (instance.go). A store of
// another layout is refused with a message that says what to do; export,
// backup, stats and check still open it, so its data can be kept. This is
// the only package that sees both the store and the server (wiring in
// serve.go, storeSource and storeWriter).
package main
