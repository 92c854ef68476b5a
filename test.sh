#!/usr/bin/env bash
# ./test.sh: every test of the repository, with nothing skipped.
#
#  1. Checks the programs the tests call out to: rapper (Debian
#     raptor2-utils), node and npm, Chromium and Debian's python3-rdflib. As root on Debian it
#     installs what is missing with apt-get; otherwise it stops here and
#     names each missing program and how to install it.
#  2. Installs the npm packages of tools/node (npm ci) when their lock file
#     changed since the last install.
#  3. Runs `go test ./...` with MATURITY_STRICT=1, so that a test whose
#     program is missing fails instead of skipping, and fails the run on any
#     skipped test.
#  4. Runs the packages that share state across goroutines again with the
#     race detector, with -short: the long tests -short leaves out (500
#     generated assessments, the kill -9 runs, the crawl of every page) ran
#     in step 3, and the summary checks that every test skipped here passed
#     there.
#
# It prints each package as it finishes, the output of any failed test, the
# suite counts the README quotes, and the wall time. Arguments go to both
# `go test` runs (e.g. ./test.sh -count=1 to ignore cached results).
# CI (.ci/run) runs exactly this. For a quick run while you work:
# go test -short ./...
set -euo pipefail
cd "$(dirname "$0")"

# The packages that share caches, pools or stores across goroutines.
race_pkgs=(./store ./ldserver ./sparqlhttp ./webapp ./sparql/eval ./dcat)

start=$(date +%s)
missing=() # "program: how to get it"
apt=()     # Debian packages that provide what is missing
command -v go >/dev/null || missing+=("go: Go $(sed -n 's/^go //p' go.mod) or later, https://go.dev/dl/")
command -v rapper >/dev/null || { apt+=(raptor2-utils); missing+=("rapper: apt-get install raptor2-utils"); }
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt+=(nodejs npm)
  missing+=("node and npm (Node.js 18 or later): apt-get install nodejs npm")
fi
command -v chromium >/dev/null || { apt+=(chromium); missing+=("chromium: apt-get install chromium"); }
# rdflib runs the example queries as an independent engine and client.
/usr/bin/python3 -c 'import rdflib' 2>/dev/null || { apt+=(python3-rdflib); missing+=("rdflib for /usr/bin/python3: apt-get install python3-rdflib"); }

if [ ${#apt[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing ${apt[*]} (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt[@]}" >/dev/null
  missing=()
  command -v go >/dev/null || missing+=("go: Go $(sed -n 's/^go //p' go.mod) or later, https://go.dev/dl/")
  for p in rapper node npm chromium; do
    command -v "$p" >/dev/null || missing+=("$p: apt-get did not provide it")
  done
  /usr/bin/python3 -c 'import rdflib' 2>/dev/null || missing+=("python3-rdflib: apt-get did not provide it")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "./test.sh: the tests need programs this machine lacks:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  echo "Install them (as root, ./test.sh does it with apt-get) and run ./test.sh again." >&2
  exit 2
fi

# npm ci wipes node_modules, so only when the lock file changed.
stamp=tools/node/node_modules/.lock-sha256
want=$(sha256sum tools/node/package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== npm ci (tools/node)"
  (cd tools/node && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/maturity-test.XXXXXX")
summary="$logs/testsummary"
go build -o "$summary" ./internal/testsummary
export MATURITY_STRICT=1

echo "== go test ./... (logs in $logs)"
set +e
go test -json -timeout=30m "$@" ./... 2>&1 | tee "$logs/full.json" | "$summary" -label "go test ./..."
full=("${PIPESTATUS[@]}")
echo
echo "== go test -race -short ${race_pkgs[*]}"
go test -json -race -short -timeout=30m "$@" "${race_pkgs[@]}" 2>&1 | tee "$logs/race.json" |
  "$summary" -label "go test -race -short" -covered-by "$logs/full.json"
race=("${PIPESTATUS[@]}")
set -e

echo
echo "== $(($(date +%s) - start)) s in all; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
if [ "${full[0]}" != 0 ] || [ "${full[2]}" != 0 ] || [ "${race[0]}" != 0 ] || [ "${race[2]}" != 0 ]; then
  echo "FAIL" >&2
  exit 1
fi
echo "PASS"
