#!/usr/bin/env bash
# Sends the hostile requests of issue 11 to a freshly started `maturity
# serve` (one server per request) and prints, per request, the HTTP status,
# the time, the server's resident memory before the request and at its peak
# (VmHWM), and the start of the answer. The last case imports a "billion
# laughs" RDF/XML file and reports the importer's peak memory.
#
#   bench/hostile.sh                 # builds ./cmd/maturity
#   bench/hostile.sh path/to/maturity
#
# Flags for serve go in SERVE_FLAGS (default: --timeout 10s); CASES picks
# cases (default: path bgp deep replace sort service import). Needs curl and
# python3 (a fake SERVICE endpoint that answers 39 MB of JSON results).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d /tmp/maturity-hostile.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
bin=${1:-}
if [ -z "$bin" ]; then
	bin=$tmp/maturity
	go build -o "$bin" ./cmd/maturity
fi
SERVE_FLAGS=${SERVE_FLAGS:---timeout 10s}
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss() { awk -v k="$2:" '$1==k {printf "%d", $2/1024}' "/proc/$1/status"; }

# The fake remote endpoint: 300,000 solutions, about 39 MB.
svc_port=$(port)
python3 - "$tmp/answer.srj" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"head":{"vars":["s","l"]},"results":{"bindings":[')
    f.write(",".join('{"s":{"type":"uri","value":"http://example.org/resource/%d"},"l":{"type":"literal","value":"label %d of a remote resource"}}' % (i, i) for i in range(300000)))
    f.write("]}}")
PY
python3 - "$tmp/answer.srj" "$svc_port" <<'PY' &
import http.server, sys
body = open(sys.argv[1], "rb").read()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
class S(http.server.HTTPServer):
    def handle_error(self, *a): pass  # the client stops reading at its cap
S(("127.0.0.1", int(sys.argv[2])), H).serve_forever()
PY
svc=http://127.0.0.1:$svc_port/sparql

# A store with the model, the examples and a graph of 3,000 triples.
data=$tmp/data
python3 - > "$tmp/3000.nt" <<'PY'
for i in range(3000):
    print('<http://example.org/s%d> <http://example.org/p%d> "value %d" .' % (i % 100, i % 7, i))
PY
"$bin" import --data "$data" --graph http://example.org/g3000 "$tmp/3000.nt" 2>/dev/null

start_server() {
	p=$(port)
	# shellcheck disable=SC2086
	"$bin" serve --data "$data" --addr "127.0.0.1:$p" --base "http://localhost:8080/" --service-allow "$svc" $SERVE_FLAGS >"$tmp/serve.log" 2>&1 &
	pid=$!
	for _ in $(seq 300); do
		curl -fs -o /dev/null "http://127.0.0.1:$p/sparql?query=ASK%7B%7D" && return
		sleep 0.1
	done
	echo "server did not start:" >&2
	cat "$tmp/serve.log" >&2
	exit 1
}

replace='"aaaaaaaaaa"'
# Seven levels make the 100 million characters of issue 11.
for _ in 1 2 3 4 5 6 7; do replace="REPLACE($replace, \"a\", \"aaaaaaaaaa\")"; done
path=$(python3 -c 'print("SELECT * { ?a " + "/".join(["<http://example.org/p>"] * 20000) + " ?b }")')
bgp=$(python3 -c 'print("SELECT * { " + " ".join("?s <http://example.org/p%d> ?o%d ." % (i, i) for i in range(5000)) + " }")')
deep="SELECT * WHERE $(python3 -c 'print("{" * 1000000)')"
printf '%s\n' "$path" >"$tmp/path.rq"
printf '%s\n' "$bgp" >"$tmp/bgp.rq"
printf '%s\n' "$deep" >"$tmp/deep.rq"
printf '%s\n' "SELECT ?x { BIND($replace AS ?x) }" >"$tmp/replace.rq"
printf '%s\n' 'SELECT * FROM <http://example.org/g3000> { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f' >"$tmp/sort.rq"
printf '%s\n' "SELECT * { SERVICE <$svc> { ?s ?p ?o } } LIMIT 1" >"$tmp/service.rq"

printf '%-22s %6s %8s %10s %9s  %s\n' case status seconds "RSS MB" "peak MB" answer
for c in ${CASES:-path bgp deep replace sort service import}; do
	[ "$c" = import ] && continue
	start_server
	before=$(rss "$pid" VmRSS)
	out=$(curl -s -o "$tmp/body" -w '%{http_code} %{time_total}' -H 'Accept: application/sparql-results+json' \
		-H 'Accept-Language: en' --data-binary @"$tmp/$c.rq" -H 'Content-Type: application/sparql-query' \
		"http://127.0.0.1:$p/sparql" || true)
	peak=$(rss "$pid" VmHWM)
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	printf '%-22s %6s %8s %10s %9s  %.110s\n' "$c" ${out:-"- -"} "$before" "$peak" "$(head -c 300 "$tmp/body" | tr '\n' ' ')"
done

case " ${CASES:-import} " in *" import "*) ;; *) exit 0 ;; esac
# The 547-byte kind of file: nine entities, each ten references to the one
# before, expanding to a literal of 100 million characters.
{
	printf '<!DOCTYPE rdf:RDF [<!ENTITY l0 "l">'
	for i in 1 2 3 4 5 6 7 8 9; do
		printf '<!ENTITY l%d "%s">' "$i" "$(printf "&l$((i - 1));%.0s" 1 2 3 4 5 6 7 8 9 10)"
	done
	printf ']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/"><rdf:Description rdf:about="http://e/s"><e:p>&l8;</e:p></rdf:Description></rdf:RDF>\n'
} >"$tmp/lol.rdf"
t0=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$tmp/time" "$bin" import --data "$data" --graph http://example.org/lol "$tmp/lol.rdf" 2>"$tmp/import.err" && code=0 || code=$?
t1=$(date +%s.%N)
printf '%-22s %6s %8.2f %10s %9s  %.110s\n' "import ($(wc -c <"$tmp/lol.rdf") B)" "exit $code" "$(echo "$t1 - $t0" | bc)" - \
	"$(($(tail -1 "$tmp/time") / 1024))" "$(tr '\n' ' ' <"$tmp/import.err")"
