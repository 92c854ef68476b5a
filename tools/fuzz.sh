#!/usr/bin/env bash
# Fuzzing campaign for the parsers and the query evaluator, the HTTP
# header parsers, the CSV readers of assessments and surveys and the RML
# mappings: each target runs
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

declare -A pkg=(
	[FuzzTurtle]=./rdfio [FuzzNTriples]=./rdfio [FuzzRDFXML]=./rdfio [FuzzJSONLD]=./rdfio
	[FuzzParse]=./sparql/parse [FuzzExec]=./sparql/eval
	[FuzzParseAccept]=./internal/httpx [FuzzNegotiate]=./internal/httpx [FuzzNegotiateLang]=./internal/httpx
	[FuzzReadSelfAssessment]=./assess [FuzzReadSurvey]=./assess
	[FuzzRMLParse]=./mappings [FuzzRMLRun]=./mappings
)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzExec FuzzParse FuzzRDFXML FuzzJSONLD FuzzTurtle FuzzNTriples
	FuzzParseAccept FuzzNegotiate FuzzNegotiateLang FuzzReadSelfAssessment FuzzReadSurvey FuzzRMLParse FuzzRMLRun)

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
