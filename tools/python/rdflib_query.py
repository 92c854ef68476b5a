"""Runs SPARQL queries with rdflib; writes one JSON object: query file name →
SPARQL JSON results.

Used by the Go tests as an independent client and an independent engine:

    rdflib_query.py endpoint URL QUERY.rq...     rdflib's SPARQLStore sends each
                                                 query to a SPARQL endpoint
    rdflib_query.py dump FILE.nq.gz QUERY.rq...  rdflib parses an N-Quads dump
                                                 and evaluates the queries itself
                                                 over the union of its graphs

Needs rdflib (Debian python3-rdflib).
"""
import gzip
import json
import os
import sys

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("endpoint", "dump"):
        sys.exit("usage: rdflib_query.py endpoint URL | dump FILE.nq.gz  QUERY.rq...")
    mode, where, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    if mode == "endpoint":
        graph = rdflib.Graph(store=SPARQLStore(where, returnFormat="json"))
    else:
        graph = rdflib.Dataset(default_union=True)
        with gzip.open(where, "rb") as f:
            graph.parse(f, format="nquads")
    out = {}
    for name in files:
        with open(name, encoding="utf-8") as f:
            result = graph.query(f.read())
        out[os.path.basename(name)] = json.loads(result.serialize(format="json"))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
