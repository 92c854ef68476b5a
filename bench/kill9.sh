#!/usr/bin/env bash
# kill9.sh: kill -9 during writes, many times, and check that nothing was
# lost or left half-written (issue 11). Two kinds of round alternate:
#
#   serve   `maturity serve` runs while a client publishes self-assessments
#           through the web form, one after the other, and counts the
#           publishes the server acknowledged (303); serve is killed with
#           SIGKILL at a random moment (0.2–2.5 s after it listens).
#           Another client asks for the dumps meanwhile, so serve is also
#           killed while writing them.
#   import  `maturity import` of a 30,000-triple file into a graph of its
#           own is killed at a random moment within its measured duration.
#
# After each kill: `maturity check` must pass, no temporary file may be
# left beside the store (nor accumulate among the dumps), and `maturity stats` must show
#   * every published version graph of the assessment whole (a maturity
#     and a need score for each domain of the form) and numbered 1…N without
#     a gap, with the index graph naming vN as current (a version is wholly
#     old or wholly new);
#   * N at least the publishes acknowledged so far (no acknowledged write
#     lost);
#   * every import graph holding all 30,000 triples or none, and every
#     import that finished before holding all.
#
#   bench/kill9.sh                 # 100 serve rounds and 100 import rounds
#   ROUNDS=20 bench/kill9.sh
#
# Env: ROUNDS (default 100, per kind), OUT (scratch, default
# /tmp/maturity-kill9), BIN (a maturity binary instead of building this
# tree). It prints one line per round and a summary; exit status 1 if any
# round failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-/tmp/maturity-kill9}
ROUNDS=${ROUNDS:-100}
rm -rf "$OUT"
mkdir -p "$OUT"
if [ -z "${BIN:-}" ]; then
	(cd "$root" && go build -o "$OUT/maturity" ./cmd/maturity)
	BIN=$OUT/maturity
fi
data=$OUT/data
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port/
org=99991 year=2031
vgraph=${base}graph/evaluatie/$org/$year
triples=30000
python3 - "$triples" >"$OUT/import.nt" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    print('<http://example.org/kill/s%d> <http://example.org/kill/p%d> "waarde %d" .' % (i, i % 13, i))
PY

spid=
start_serve() {
	"$BIN" serve --data "$data" --addr "127.0.0.1:$port" --base "$base" >>"$OUT/serve.log" 2>&1 &
	spid=$!
	for _ in $(seq 600); do
		curl -fs -o /dev/null "${base}sparql?query=ASK%7B%7D" && return 0
		kill -0 $spid 2>/dev/null || { tail -20 "$OUT/serve.log" >&2; exit 1; }
		sleep 0.05
	done
	echo "serve did not start" >&2
	exit 1
}
cleanup() { [ -z "$spid" ] || kill -9 $spid 2>/dev/null || true; }
trap cleanup EXIT

# First start: the model and the examples; the form's fields from its page.
start_serve
form=$(curl -fs "${base}evaluatie/nieuw?org=$org&year=$year" | grep -o 'name="m-[^"]*"' | sed 's/name="m-//; s/"//' | sort -u)
[ -n "$form" ] || { echo "no domains in the form" >&2; exit 1; }
kill -9 $spid
wait $spid 2>/dev/null || true
spid=

# publish_loop N: publishes until killed, one line per acknowledged publish.
publish_loop() {
	local n=$1 args
	while :; do
		n=$((n + 1))
		args=(-d "org=$org" -d "year=$year" -d method=zelfevaluatie -d author=kill9)
		for d in $form; do
			args+=(-d "m-$d=$((1 + (n + ${#d}) % 5))" -d "n-$d=$((1 + (2 * n + ${#d}) % 5))" -d "t-$d=Toelichting $n bij $d")
		done
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "${args[@]}" "${base}evaluatie" || true)
		[ "$code" = 303 ] && echo ack
	done
}

# dump_loop asks for the dumps until killed: a publish makes them stale, so
# serve writes them anew, and is killed writing them too.
dump_loop() {
	while :; do
		curl -s -o /dev/null --max-time 30 "${base}dumps/dataset.nq.gz" || true
		curl -s -o /dev/null --max-time 30 "${base}dumps/dataset.ttl.gz" || true
	done
}

# Time one import, for the kill moments.
cp -r "$data" "$OUT/timing"
t0=$(date +%s%N)
"$BIN" import --data "$OUT/timing" --graph http://example.org/kill/timing "$OUT/import.nt" 2>/dev/null
import_ms=$((($(date +%s%N) - t0) / 1000000))
rm -rf "$OUT/timing"
echo "# $ROUNDS rounds of each kind; an import takes ${import_ms} ms; $(nproc) cores; $(uptime)"

acked=0 imported=() fail=0 whole=0 complete=0 none=0
printf '%-7s %5s %-7s %8s %7s %8s %s\n' round kind killms check versions acked result
for r in $(seq 1 "$ROUNDS"); do
	for kind in serve import; do
		if [ $kind = serve ]; then
			start_serve
			publish_loop "$acked" >"$OUT/acks" 2>/dev/null &
			ppid=$!
			ms=$((200 + RANDOM % 2300))
			dump_loop >/dev/null 2>&1 &
			dpid=$!
			sleep "$(echo "scale=3; $ms / 1000" | bc)"
			kill -9 $spid
			wait $spid 2>/dev/null || true
			spid=
			kill $ppid $dpid 2>/dev/null || true
			wait $ppid $dpid 2>/dev/null || true
			acked=$((acked + $(grep -c ack "$OUT/acks" || true)))
		else
			ms=$((RANDOM % (import_ms * 12 / 10 + 1)))
			"$BIN" import --data "$data" --graph "http://example.org/kill/$r" "$OUT/import.nt" 2>/dev/null &
			ipid=$!
			sleep "$(echo "scale=3; $ms / 1000" | bc)"
			kill -9 $ipid 2>/dev/null || true
			if wait $ipid 2>/dev/null; then imported+=("$r"); fi
		fi

		msg=()
		chk=$("$BIN" check --data "$data" 2>&1 | tr '\n' ' ' | sed 's/ $//' || true)
		[ "$chk" = ok ] || msg+=("check: $chk")
		left=$(ls -A "$data" | grep -vxE 'maturity\.db|instance\.json|dumps|spool|admin' | tr '\n' ' ' || true)
		left+=$(ls -A "$data/admin" 2>/dev/null | grep -vx 'admin\.sock' | tr '\n' ' ' || true)
		[ -z "$left" ] || msg+=("left behind: $left")
		# The dumps: a server removes what the one before it left; at
		# most the current file and one being written per dump remain.
		nd=$(find "$data/dumps" -type f | wc -l)
		[ "$nd" -le 4 ] || msg+=("$nd files in dumps/: $(ls "$data/dumps" | tr '\n' ' ')")
		"$BIN" stats --data "$data" >"$OUT/stats" 2>&1 || msg+=("stats failed")
		# Version graphs of the assessment: whole and without a gap.
		mapfile -t vs < <(awk -v g="$vgraph/v" 'index($1, g) == 1 { print substr($1, length(g) + 1), $2 }' "$OUT/stats" | sort -n)
		n=${#vs[@]}
		if [ "$n" -gt 0 ]; then
			for i in "${!vs[@]}"; do
				v=${vs[$i]% *}
				[ "$v" = $((i + 1)) ] || msg+=("version gap at v$v")
			done
			# Every version whole: a score pair for each domain of the form.
			printf 'PREFIX mat: <https://w3id.org/open-data-maturiteit/ns#>
SELECT ?g (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?o a <http://purl.org/linked-data/cube#Observation> ; mat:maturityScore ?m ; mat:needScore ?x } FILTER(STRSTARTS(STR(?g), "%s/v")) } GROUP BY ?g' "$vgraph" >"$OUT/versions.rq"
			if "$BIN" query --data "$data" --format csv "$OUT/versions.rq" >"$OUT/versions.csv" 2>"$OUT/query.err"; then
				bad=$(tail -n +2 "$OUT/versions.csv" | tr -d '\r' | awk -F, -v d="$(echo "$form" | wc -w)" -v want="$n" '$2 != d { printf "%s has %s scored domains; ", $1, $2 } { k++ } END { if (k != want) printf "%d of %d versions have scores", k, want }')
				[ -z "$bad" ] || msg+=("$bad")
			else
				msg+=("query failed: $(cat "$OUT/query.err")")
			fi
			cur=$(printf 'SELECT ?v WHERE { GRAPH <%s> { ?a <https://w3id.org/open-data-maturiteit/ns#currentVersion> ?v } }' "$vgraph" |
				"$BIN" query --data "$data" --format csv - 2>&1 | tail -n +2 | tr -d '\r' || true)
			[ "$cur" = "${base}id/evaluatie/$org/$year/v$n" ] || msg+=("current version is '$cur', want v$n")
		fi
		[ "$n" -ge "$acked" ] || msg+=("$acked acknowledged, $n versions: a write was lost")
		# Import graphs: all or nothing, and all once finished.
		for g in $(awk 'index($1, "http://example.org/kill/") == 1 { print $1 "=" $2 }' "$OUT/stats"); do
			q=${g#*=}
			[ "$q" = "$triples" ] || msg+=("${g%=*} holds $q of $triples triples")
		done
		if [ $kind = import ]; then
			got=$(awk -v g="http://example.org/kill/$r" '$1 == g { print $2 }' "$OUT/stats")
			case $got in "$triples") complete=$((complete + 1)) ;; "") none=$((none + 1)) ;; esac
		fi
		for i in "${imported[@]}"; do
			grep -q "^http://example.org/kill/$i " "$OUT/stats" || msg+=("finished import $i is missing")
		done
		if [ ${#msg[@]} -eq 0 ]; then
			res=ok
			whole=$((whole + 1))
		else
			res="FAIL: ${msg[*]}"
			fail=$((fail + 1))
		fi
		printf '%-7s %5s %-7s %8s %7s %8s %s\n' "$r" "$kind" "$ms" "$chk" "$n" "$acked" "$res"
	done
done
echo "# $((2 * ROUNDS)) kills: $whole passed, $fail failed; $acked publishes acknowledged, all kept; imports killed: $complete had committed, $none left nothing; $(uptime)"
[ $fail -eq 0 ]
