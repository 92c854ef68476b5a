#!/usr/bin/env bash
# import-bench.sh: bulk import of one N-Triples file into our store, Oxigraph
# and Virtuoso, in one run, with rate, size on disk and peak RSS.
#
#   bench/import-bench.sh DATA.nt                    # from the repository root
#   ENGINES=maturity ROUNDS=1 bench/import-bench.sh /tmp/big.nt
#
# DATA is made with the peer tools' generator, e.g.
#   ~/.cache/maturity-peers/gen-data.py 300 5 /tmp/store/1m.nt     # 1,002,202 triples
#   ~/.cache/maturity-peers/gen-data.py 3000 5 /tmp/store/10m.nt   # about 10 M triples
#
# Env: PEERS (peer tools, default ~/.cache/maturity-peers), OUT (scratch,
# default /tmp/import-bench; stores are deleted after each round), ROUNDS
# (default 1; engines alternate within a round), ENGINES (space-separated
# subset of "maturity maturity-base oxigraph virtuoso", default all but
# maturity-base), BIN (a maturity binary to measure instead of building this
# tree), BASE_BIN (an older maturity binary, engine maturity-base, to
# compare with in the same run), FLAGS (extra flags for this tree's
# `maturity import`, e.g. "--mem 256MiB"), VPORT/VSQL (Virtuoso ports).
#
# Every line of the report is tab-separated: engine, round, triples, seconds,
# triples/s, bytes on disk, bytes per triple, peak RSS in MiB, and the load
# average (1-minute) when the engine started. Peak RSS is GNU time's
# "maximum resident set size" of the whole process (for Virtuoso: of the
# server, read from /proc when the load ends, VmHWM).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:?usage: import-bench.sh DATA.nt}
DATA=$(cd "$(dirname "$DATA")" && pwd)/$(basename "$DATA")
PEERS=${PEERS:-$HOME/.cache/maturity-peers}
OUT=${OUT:-/tmp/import-bench}
ROUNDS=${ROUNDS:-1}
ENGINES=${ENGINES:-maturity oxigraph virtuoso}
VPORT=${VPORT:-18896}
VSQL=${VSQL:-11116}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if [ -z "${BIN:-}" ]; then
  (cd "$root" && go build -o "$OUT/maturity" ./cmd/maturity)
  BIN=$OUT/maturity
fi
triples=$(wc -l < "$DATA")
load1() { cut -d' ' -f1 /proc/loadavg; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
report() { # engine round seconds bytes rss_kib load
  awk -v e="$1" -v r="$2" -v n="$triples" -v s="$3" -v b="$4" -v m="$5" -v l="$6" \
    'BEGIN { printf "%s\t%s\t%d\t%.2f\t%.0f\t%d\t%.1f\t%.0f\t%s\n", e, r, n, s, n / s, b, b / n, m / 1024, l }'
}

cleanup() {
  [ -f "$OUT/virt/virtuoso.pid" ] && "$PEERS/stop-virtuoso.sh" "$OUT/virt" >/dev/null 2>&1 || true
}
trap cleanup EXIT

printf 'engine\tround\ttriples\tseconds\ttriples/s\tbytes\tbytes/triple\tpeakRSS_MiB\tload1\n'
for round in $(seq 1 "$ROUNDS"); do
  for engine in $ENGINES; do
    l=$(load1)
    case $engine in
    maturity | maturity-base)
      rm -rf "$OUT/store"
      bin=$BIN flags=${FLAGS:-}
      [ "$engine" = maturity-base ] && bin=${BASE_BIN:?set BASE_BIN} flags=
      # shellcheck disable=SC2086
      /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$bin" import --data "$OUT/store" $flags "$DATA" 2>"$OUT/import.log" ||
        { cat "$OUT/import.log" >&2; exit 1; }
      read -r secs rss < "$OUT/time.txt"
      report "$engine" "$round" "$secs" "$(stat -c %s "$OUT/store/maturity.db")" "$rss" "$l"
      rm -rf "$OUT/store"
      ;;
    oxigraph)
      echo 'ASK {}' > "$OUT/ask.rq"
      if /usr/bin/time -f '%e %M' -o "$OUT/time.txt" node "$PEERS/oxi-query.mjs" "$DATA" "$OUT/ask.rq" >/dev/null 2>"$OUT/oxi.log"; then
        ms=$(sed -n 's/.*load_ms=\([0-9.]*\).*/\1/p' "$OUT/oxi.log" | head -1)
        read -r _ rss < "$OUT/time.txt"
        # In memory: nothing on disk.
        report oxigraph "$round" "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" 0 "$rss" "$l"
      else
        printf 'oxigraph\t%s\tfailed: %s\n' "$round" "$(tail -c 300 "$OUT/oxi.log" | tr '\n\t' '  ')"
      fi
      ;;
    virtuoso)
      rm -rf "$OUT/virt"
      "$PEERS/start-virtuoso.sh" "$OUT/virt" "$VPORT" "$VSQL" >/dev/null
      "$PEERS/load-virtuoso.sh" "$OUT/virt" "$DATA" http://example.org/graph/bench 2>"$OUT/virt.log" >/dev/null
      ms=$(grep -o '[0-9]\+ ms' "$OUT/virt.log" | head -1 | cut -d' ' -f1)
      ms=${ms:-$(grep -o 'load_ms=[0-9]*' "$OUT/virt.log" | cut -d= -f2)}
      rss=$(awk '/VmHWM/ { print $2 }' "/proc/$(cat "$OUT/virt/virtuoso.pid")/status")
      "$PEERS/stop-virtuoso.sh" "$OUT/virt" >/dev/null 2>&1 || true
      bytes=$(du -cb "$OUT"/virt/*.db 2>/dev/null | tail -1 | cut -f1)
      report virtuoso "$round" "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" "$bytes" "$rss" "$l"
      rm -rf "$OUT/virt"
      ;;
    *) echo "unknown engine $engine" >&2; exit 2 ;;
    esac
  done
done
echo "# $(uptime)" >&2
