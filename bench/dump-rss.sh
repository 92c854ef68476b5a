#!/usr/bin/env bash
# dump-rss.sh: the whole-dataset dumps of a large store, served by
# `maturity serve`, with the server's resident memory sampled throughout.
#
#   bench/dump-rss.sh STORE_DIR          # e.g. a store of gen-data.py 1500 10
#
# STORE_DIR is copied first (serve adds the model on its first start), so
# the original stays as it was. Env: OUT (scratch, default /tmp/dump-rss),
# PORT (default 18097), BIN (a maturity binary instead of building this
# tree), VERIFY=1 (count the dumps' statements: zcat | wc -l for N-Quads,
# rapper -c for Turtle; slow at 10 M).
#
# It prints, tab-separated: dump, seconds, bytes (gzipped), the server's
# peak VmRSS while that dump was written and served (MiB, sampled every
# 0.2 s), and the load average; then the server's VmHWM over its whole life.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
SRC=${1:?usage: dump-rss.sh STORE_DIR}
OUT=${OUT:-/tmp/dump-rss}
PORT=${PORT:-18097}
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ -z "${BIN:-}" ]; then
  (cd "$root" && go build -o "$OUT/maturity" ./cmd/maturity)
  BIN=$OUT/maturity
fi
cp -r "$SRC" "$OUT/store"
base=http://127.0.0.1:$PORT/
"$BIN" serve --data "$OUT/store" --addr "127.0.0.1:$PORT" --base "$base" --timeout 30m >"$OUT/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "${base}dumps/" 2>/dev/null && break
  curl -s -o /dev/null "$base" && break
  sleep 0.5
done
rss() { awk '/VmRSS/ { print $2 }' "/proc/$pid/status"; }
printf 'dump\tseconds\tbytes\tpeakRSS_MiB\tload1\n'
printf 'idle\t0\t0\t%.0f\t%s\n' "$(awk -v k="$(rss)" 'BEGIN { print k / 1024 }')" "$(cut -d' ' -f1 /proc/loadavg)"
for name in dataset.nq.gz dataset.ttl.gz; do
  l=$(cut -d' ' -f1 /proc/loadavg)
  : >"$OUT/samples"
  (while kill -0 $pid 2>/dev/null; do rss >>"$OUT/samples"; sleep 0.2; done) &
  sampler=$!
  t0=$(date +%s.%N)
  curl -sf --max-time 3600 -o "$OUT/$name" "${base}dumps/$name"
  t1=$(date +%s.%N)
  kill $sampler
  peak=$(sort -n "$OUT/samples" | tail -1)
  printf '%s\t%.1f\t%d\t%.0f\t%s\n' "$name" "$(echo "$t1 - $t0" | bc)" "$(stat -c %s "$OUT/$name")" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')" "$l"
done
printf 'server VmHWM: %.0f MiB\n' "$(awk '/VmHWM/ { print $2 / 1024 }' "/proc/$pid/status")"
if [ "${VERIFY:-0}" = 1 ]; then
  echo "N-Quads statements: $(zcat "$OUT/dataset.nq.gz" | wc -l)"
  echo "Turtle triples: $(zcat "$OUT/dataset.ttl.gz" | rapper -c -i turtle - "$base" 2>&1 | grep -o "returned [0-9]* triples")"
fi
echo "# $(uptime)" >&2
rm -rf "$OUT/store"
