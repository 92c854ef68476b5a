#!/usr/bin/env bash
# load.sh: 64 connections for 60 s against the built binary, as issue 11
# asks. It builds `maturity` and bench/loadgen, starts `maturity serve` on
# a free port over a fresh store (the model and the examples, loaded on
# first start) and runs loadgen against it:
#
#   * idle phase (IDLE, default 10s): one connection dereferences resources,
#     for the idle p99;
#   * load phase (DUR, default 60s, CONNS connections, default 64): one
#     connection publishes self-assessments through the web form, one after
#     the other; the others mix dereferencing (/id/ → 303 → /doc/ in Turtle,
#     JSON-LD, HTML, N-Triples, RDF/XML), catalog pages and the example
#     SPARQL queries (examples/queries); halfway, a runaway cross product,
#     a REPLACE bomb and a 20,000-step path are sent on three more
#     connections.
#
# It prints latency per kind of request (p50, p90, p99, max), errors, how
# each hostile query was cut, the server's RSS (sampled every 100 ms and
# VmHWM) and the load average before and after, then the checks of issue 11
# (loadgen's exit status), and finally runs `maturity check` on the store.
#
#   bench/load.sh
#   CONNS=64 DUR=60s SERVE_FLAGS="--timeout 10s" bench/load.sh
#
# THINK (default 0s) is each connection's mean pause between requests:
# with 0 the 64 connections saturate the server (2 cores) and latency is
# mostly their queue; THINK=100ms is a busy public site, where the idle p99
# is the fair comparison.
#
# PUBLISH_EVERY (default 250ms) is the pause between two publishes.
#
# Env: OUT (scratch, default /tmp/maturity-load), BIN (a maturity binary
# instead of building this tree), SERVE_FLAGS (extra serve flags, default
# --timeout 10s). The machine's other work shows in the load average:
# compare latencies within one run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-/tmp/maturity-load}
rm -rf "$OUT"
mkdir -p "$OUT"
cd "$root"
if [ -z "${BIN:-}" ]; then
	go build -o "$OUT/maturity" ./cmd/maturity
	BIN=$OUT/maturity
fi
go build -o "$OUT/loadgen" ./bench/loadgen

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port/
data=$OUT/data
# shellcheck disable=SC2086
"$BIN" serve --data "$data" --addr "127.0.0.1:$port" --base "$base" ${SERVE_FLAGS:---timeout 10s} >"$OUT/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do
	curl -fs -o /dev/null "${base}sparql?query=ASK%7B%7D" && break
	kill -0 $pid 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
	sleep 0.1
done
echo "# serve pid $pid at $base, $(nproc) cores, $(uptime)"
rc=0
"$OUT/loadgen" -base "$base" -pid "$pid" -c "${CONNS:-64}" -d "${DUR:-60s}" -idle "${IDLE:-10s}" \
	-hostile-at "${HOSTILE_AT:-30s}" -think "${THINK:-0s}" -publish-every "${PUBLISH_EVERY:-250ms}" -queries examples/queries || rc=$?
kill -INT $pid
wait $pid 2>/dev/null || true
echo "# serve log: $(grep -c 'level=ERROR' "$OUT/serve.log" || true) errors logged, $(grep -c 'level=WARN' "$OUT/serve.log" || true) warnings"
grep 'level=ERROR' "$OUT/serve.log" | head -5 || true
"$BIN" check --data "$data" && echo "# check: ok" || { echo "# check FAILED"; rc=1; }
exit $rc
