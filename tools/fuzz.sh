#!/usr/bin/env bash
# Fuzzing campaign: every `func Fuzz…` target of the repository (the RDF
# parsers and writers, the SPARQL parser, evaluator, functions and result
# readers, the SPARQL protocol request, the HTTP header parsers, the CSV
# readers of assessments and surveys, the RML mappings, the DCAT validator,
# IRIs, the store's codecs, the form's scores): each target runs
# for FUZZTIME (default 10m) with one worker, JOBS targets at a time
# (default 1; the machine is usually shared). A failing input is written by
# `go test` to the package's testdata/fuzz/<Target>/, where it becomes a
# regression case of the ordinary `go test ./...`: commit it with the fix.
#
#   tools/fuzz.sh                      # every target, 10 minutes each
#   FUZZTIME=30s tools/fuzz.sh FuzzExec FuzzParse
#
# Logs go to ${FUZZLOG:-/tmp/maturity-fuzz}/<Target>.log; the last line of
# each (executions, new corpus entries, PASS or the failure) is printed.
set -uo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-10m}
JOBS=${JOBS:-1}
LOG=${FUZZLOG:-/tmp/maturity-fuzz}
mkdir -p "$LOG"

# Every fuzz target of the repository, found in the test files, with its
# package: a new target joins the campaign without editing this script.
declare -A pkg=()
all=()
while IFS=: read -r file name; do
	pkg[$name]=./$(dirname "$file")
	all+=("$name")
done < <(grep -rhoE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]+' . | sed 's/^func //' | sort -u | while read -r name; do
	f=$(grep -rlE --include='*_test.go' "^func $name\(" . | head -1)
	echo "${f#./}:$name"
done)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

run() {
	local t=$1 start end
	start=$(date +%s)
	go test "${pkg[$t]}" -run '^$' -fuzz "^$t\$" -fuzztime "$FUZZTIME" -parallel 1 >"$LOG/$t.log" 2>&1
	local rc=$?
	end=$(date +%s)
	printf '%-22s %4ds  exit %d  %s\n' "$t" $((end - start)) "$rc" \
		"$(grep -E '^fuzz: elapsed' "$LOG/$t.log" | tail -1 | sed 's/^fuzz: //')"
	return $rc
}

status=0
running=0
for t in "${targets[@]}"; do
	[ -n "${pkg[$t]:-}" ] || { echo "unknown target $t" >&2; exit 2; }
	run "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait -n || status=1
		running=$((running - 1))
	fi
done
while [ "$running" -gt 0 ]; do
	wait -n || status=1
	running=$((running - 1))
done
exit $status
