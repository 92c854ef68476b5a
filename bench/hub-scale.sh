#!/usr/bin/env bash
# bench/hub-scale.sh [CITIES] [YEARS] [CHANGED]: the hub at scale, as a campaign
# (not part of ./test.sh). Simulates CITIES municipalities (default 300)
# with YEARS years (default 10) of assessments, surveys and evidence on
# loopback (bench/hubsim), harvests them into a fresh hub, harvests again
# (unchanged: every request 304), lets CHANGED cities (default 30) publish a new version and
# harvests once more, then times the cross-city queries: the example query
# through `maturity query`, and the hub's pages and catalog through a
# running `serve --harvest`. Prints the figures the README quotes, with the
# load average. Work files in ${HUBSCALE_DIR:-/tmp/hub-scale}; the
# processes it starts are stopped by PID. HUBSCALE_KEEP=1 keeps a hub
# store an earlier run left there and skips the first harvest (the
# simulated cities serve the same bytes every run, so the next harvest is
# still the unchanged one).
set -euo pipefail
cd "$(dirname "$0")/.."
cities=${1:-300}
years=${2:-10}
changed=${3:-30}
dir=${HUBSCALE_DIR:-/tmp/hub-scale}
port=${HUBSCALE_PORT:-18080}
keep=${HUBSCALE_KEEP:-0}
if [ "$keep" = 1 ] && [ -f "$dir/hub/maturity.db" ]; then
  rm -f "$dir/maturity" "$dir/hubsim"
else
  keep=0
  rm -rf "$dir" && mkdir -p "$dir"
fi
go build -o "$dir/maturity" ./cmd/maturity
go build -o "$dir/hubsim" ./bench/hubsim
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$dir/hubsim" -cities "$cities" -years "$years" -port "$port" -sources "$dir/bronnen.txt" 2>"$dir/hubsim.log" &
pids+=($!)
until grep -q "serving" "$dir/hubsim.log"; do
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$dir/hubsim.log"; exit 1; }
  sleep 2
done
tail -1 "$dir/hubsim.log" | sed 's/^/   /'
grep "built in" "$dir/hubsim.log" | sed 's/^/   /'

harvest() { # $1: label
  /usr/bin/time -f "%e s wall, %U s user, %S s sys, max RSS %M KiB" -o "$dir/time.txt" \
    "$dir/maturity" harvest --data "$dir/hub" --base http://hub.example/ --sources "$dir/bronnen.txt" \
    --allow-private --parallel 4 >"$dir/harvest-$1.txt" 2>&1 || true
  echo "== harvest $1: $(tail -1 "$dir/harvest-$1.txt")"
  echo "   $(cat "$dir/time.txt"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
[ "$keep" = 1 ] && echo "== the hub of an earlier run is kept (HUBSCALE_KEEP=1): no first harvest" || harvest first
# stats to a file: head would close the pipe early (SIGPIPE under pipefail).
"$dir/maturity" stats --data "$dir/hub" >"$dir/stats.txt"
head -4 "$dir/stats.txt" | sed 's/^/   /'
echo "   store on disk: $(du -sh "$dir/hub" | cut -f1) ($(du -sb "$dir/hub/maturity.db" | cut -f1) bytes maturity.db)"
echo "   assessment graphs: $(grep -c '/evaluatie/' "$dir/stats.txt")"
harvest unchanged
echo "   $(curl -s -X POST "http://127.0.1.1:$port/change?n=$changed")"
harvest "$changed-changed"

best() { # best of 3 wall times, in ms, of a command
  local b=999999999
  for _ in 1 2 3; do
    local s e
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    (( (e - s) / 1000000 < b )) && b=$(( (e - s) / 1000000 ))
  done
  echo "$b"
}
echo "== cross-city queries"
first=$(date +%s%N); "$dir/maturity" query --data "$dir/hub" --format csv examples/queries/gemiddelde-per-domein.rq >"$dir/avg.csv"; first=$(( ($(date +%s%N) - first) / 1000000 ))
echo "   maturity query gemiddelde-per-domein.rq: first ${first} ms, best of 3 $(best "$dir/maturity" query --data "$dir/hub" --format csv examples/queries/gemiddelde-per-domein.rq) ms; $(($(wc -l <"$dir/avg.csv") - 1)) rows"
"$dir/maturity" serve --data "$dir/hub" --addr 127.0.0.1:0 --harvest "$dir/bronnen.txt" --allow-private >"$dir/serve.log" 2>&1 &
pids+=($!)
until grep -q "msg=serving" "$dir/serve.log"; do sleep 0.5; done
hub=$(sed -n 's/.*msg=serving addr=\(http:[^ ]*\).*/\1/p' "$dir/serve.log")
timed() { curl -s -o /dev/null -w "%{http_code} %{time_total}s %{size_download} bytes" "$@"; }
for u in "vergelijking?format=json" "vergelijking?format=json" "vergelijking?jaar=2020&provincie=limburg" "vergelijking?maat=kloof&lang=en" "oogst?format=json" "catalog?page=1" "catalog?page=2"; do
  echo "   GET /$u: $(timed "$hub$u")"
done
q=$(cat examples/queries/gemiddelde-per-domein.rq)
echo "   POST /sparql gemiddelde-per-domein.rq: $(timed --data-urlencode "query=$q" -H 'Accept: text/csv' "${hub}sparql")"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
