#!/usr/bin/env bash
# sparql-bench.sh: the SPARQL benchmark, end to end over HTTP.
#
# Runs the 8 researcher queries of the peer tools ($PEERS/queries) and
# bench/queries/*.rq against `maturity serve`, Virtuoso 7.2.5 (Debian) and
# Oxigraph 0.5.11 (npm, WebAssembly, in-process) on the same ~1M triples, in one run; checks that the answers are
# identical (compare-results.py --ordered) and writes a Markdown table.
#
#   bench/sparql-bench.sh            # from the repository root
#
# Env: PEERS (peer tools, default ~/.cache/maturity-peers, made by the peer
# tools' setup.sh), DATA (default $PEERS/data/large.nt,
# generated with `gen-data.py 300 5` if missing), OUT (default
# /tmp/sparql-bench), REPEAT (runs per query, default 5: the first is the
# cold run, the best of all is reported too), PORT/VPORT/VSQL (ports).
#
# The environment reaches `maturity serve`, so GOGC=400 bench/sparql-bench.sh
# measures the server with a larger GC target.
#
# Our server and Virtuoso are timed the same way: curl's time_total for a
# form POST to /sparql with Accept: application/sparql-results+json.
# Oxigraph 0.5.11 (npm, WebAssembly, in-process) runs in node, in-process, without HTTP, as its tool allows.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PEERS=${PEERS:-$HOME/.cache/maturity-peers}
DATA=${DATA:-$PEERS/data/large.nt}
OUT=${OUT:-/tmp/sparql-bench}
REPEAT=${REPEAT:-5}
PORT=${PORT:-18080}
VPORT=${VPORT:-18895}
VSQL=${VSQL:-11115}
GRAPH=http://example.org/graph/bench
STORE=$OUT/store
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

queries=("$PEERS"/queries/*.rq "$root"/bench/queries/*.rq)

if [ ! -f "$DATA" ]; then
  mkdir -p "$(dirname "$DATA")"
  "$PEERS/gen-data.py" 300 5 "$DATA"
fi

echo "== build" >&2
(cd "$root" && mkdir -p "$OUT/bin" && go build -o "$OUT/bin/maturity" ./cmd/maturity)

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$OUT/virt/virtuoso.pid" ] && "$PEERS/stop-virtuoso.sh" "$OUT/virt" >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [ ! -d "$STORE" ]; then
  echo "== import into our store" >&2
  "$OUT/bin/maturity" import --data "$STORE" "$DATA" 2>&1 | tee "$OUT/import.log" >&2
fi
echo "== start maturity serve" >&2
"$OUT/bin/maturity" serve --data "$STORE" --addr "127.0.0.1:$PORT" --base "http://127.0.0.1:$PORT/" >"$OUT/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/sparql?query=ASK%7B%7D" && break
  sleep 0.5
done

echo "== start Virtuoso" >&2
fresh=0
[ -d "$OUT/virt" ] || fresh=1
"$PEERS/start-virtuoso.sh" "$OUT/virt" "$VPORT" "$VSQL" >/dev/null
if [ $fresh = 1 ]; then
  "$PEERS/load-virtuoso.sh" "$OUT/virt" "$DATA" "$GRAPH" 2>&1 | tee "$OUT/virtuoso-load.log" >&2
fi

# run ENGINE URL QUERY [extra curl args]: REPEAT timed runs, the answer of
# the last one kept; the times (ms) go to times.tsv. A failed request stops
# the benchmark.
run() {
  local engine=$1 url=$2 q=$3; shift 3
  local name; name=$(basename "$q" .rq)
  mkdir -p "$OUT/$engine"
  for _ in $(seq 1 "$REPEAT"); do
    curl -sS -o "$OUT/$engine/$name.json" -w '%{http_code} %{time_total}\n' \
      -H 'Accept: application/sparql-results+json' --data-urlencode "query@$q" "$@" "$url" |
      awk -v e="$engine" -v n="$name" '$1 != 200 { print e " " n ": HTTP " $1 > "/dev/stderr"; exit 1 }
        { printf "%s\t%s\t%.1f\n", e, n, $2 * 1000 }' >>"$OUT/times.tsv"
  done
}

: >"$OUT/times.tsv"
for q in "${queries[@]}"; do
  echo "== $(basename "$q" .rq)" >&2
  run maturity "http://127.0.0.1:$PORT/sparql" "$q"
  run virtuoso "http://127.0.0.1:$VPORT/sparql" "$q" --data-urlencode "default-graph-uri=$GRAPH"
done

echo "== Oxigraph" >&2
node "$PEERS/oxi-query.mjs" "$DATA" "${queries[@]}" --outdir "$OUT/oxigraph" --repeat "$REPEAT" 2>"$OUT/oxigraph.log" >/dev/null || true
awk '/query=/ { split($0, a, /[ =]/); for (i = 1; i < length(a); i++) { if (a[i] == "query") f = a[i+1]; if (a[i] == "query_ms") first = a[i+1]; if (a[i] == "min_ms") min = a[i+1] }
  n = f; sub(/.*\//, "", n); sub(/\.rq$/, "", n); printf "oxigraph\t%s\t%s\noxigraph-min\t%s\t%s\n", n, first, n, min }' "$OUT/oxigraph.log" >>"$OUT/times.tsv"

echo "== compare" >&2
: >"$OUT/compare.txt"
for q in "${queries[@]}"; do
  name=$(basename "$q" .rq)
  for other in oxigraph virtuoso; do
    verdict=$("$PEERS/compare-results.py" "$OUT/maturity/$name.json" "$OUT/$other/$name.json" --ordered --names "maturity,$other" 2>&1 | tail -1 || true)
    printf '%s\t%s\t%s\n' "$name" "$other" "$verdict" >>"$OUT/compare.txt"
  done
done

python3 "$root/bench/report.py" "$OUT" "$REPEAT" | tee "$OUT/RESULTS.md"
