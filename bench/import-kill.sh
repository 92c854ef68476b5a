#!/usr/bin/env bash
# import-kill.sh: kill -9 a large import at several moments and check that
# the store then passes `maturity check` and holds all of the import or
# none of it, with no temporary file left.
#
#   bench/import-kill.sh DATA.nt [SECONDS...]
#
# Each round starts from a store holding a small base file, runs
# `maturity import` of DATA into it, kills it SECONDS after the start (default
# a spread over the import's measured duration), then runs `check` and
# `stats`. Env: OUT (scratch, default /tmp/import-kill), BIN (a maturity
# binary instead of building this tree), FLAGS (extra import flags).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:?usage: import-kill.sh DATA.nt [SECONDS...]}
shift
OUT=${OUT:-/tmp/import-kill}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ -z "${BIN:-}" ]; then
  (cd "$root" && go build -o "$OUT/maturity" ./cmd/maturity)
  BIN=$OUT/maturity
fi
head -1000 "$DATA" | sed 's/example\.org/base.example/g' > "$OUT/base.nt"
total=$(wc -l < "$DATA")
fresh() {
  rm -rf "$OUT/store"
  "$BIN" import --data "$OUT/store" "$OUT/base.nt" 2>/dev/null
}
if [ $# -eq 0 ]; then
  fresh
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$BIN" import --data "$OUT/store" ${FLAGS:-} "$DATA" 2>/dev/null
  full=$(echo "$(date +%s.%N) - $t0" | bc)
  echo "# full import: ${full}s" >&2
  set -- $(awk -v f="$full" 'BEGIN { for (i = 1; i <= 9; i++) printf "%.2f ", f * i / 10; printf "%.2f %.2f", f * 0.97, f * 1.3 }')
fi
printf 'kill_at_s\tcheck\tquads\tholds\tleftovers\n'
fail=0
for at in "$@"; do
  fresh
  # shellcheck disable=SC2086
  "$BIN" import --data "$OUT/store" ${FLAGS:-} "$DATA" 2>/dev/null &
  pid=$!
  sleep "$at"
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  check=$("$BIN" check --data "$OUT/store" 2>&1 | tr '\n' ' ')
  quads=$("$BIN" stats --data "$OUT/store" | awk '$1 == "quads" { print $2 }')
  case $quads in
    1000) holds=none ;;
    $((1000 + total))) holds=all ;;
    *) holds=PARTIAL; fail=1 ;;
  esac
  [ "$check" = "ok " ] || fail=1
  left=$(ls "$OUT/store" | grep -v '^maturity.db$' | tr '\n' ' ' || true)
  [ -z "$left" ] || fail=1
  printf '%s\t%s\t%s\t%s\t%s\n' "$at" "$check" "$quads" "$holds" "${left:-none}"
done
rm -rf "$OUT/store"
echo "# $(uptime)" >&2
exit $fail
