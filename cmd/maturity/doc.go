// Command maturity measures a city's open-data maturity and publishes it as
// linked open data: one binary to serve, import, export, query and check the
// store. Run `maturity help` for the subcommands.
package main
