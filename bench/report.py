#!/usr/bin/env python3
"""report.py OUT: the Markdown report of a sparql-bench.sh run.

Per engine and query: the first (cold) run and the best of REPEAT, in ms;
the geometric means of the best runs over the 8 peer queries (q*), our 10
(r*) and every query, with our ratios to Oxigraph 0.5.11 (npm, WebAssembly,
in-process) and Virtuoso 7.2.5 (Debian); whether the answers are identical
(compare-results.py); the load average and the server's memory.
"""
import math
import sys
from collections import defaultdict

out = sys.argv[1]
run = {}
for line in open(f"{out}/run.tsv"):
    k, _, v = line.rstrip("\n").partition("\t")
    run[k] = v
times = defaultdict(list)
for line in open(f"{out}/times.tsv"):
    engine, q, ms = line.rstrip("\n").split("\t")
    times[(engine, q)].append(float(ms))
verdict = {}
for line in open(f"{out}/compare.txt"):
    q, other, v = line.rstrip("\n").split("\t", 2)
    if v.startswith("MATCH"):
        verdict[(q, other)] = "yes"
    elif "unordered: MATCH" in v:
        verdict[(q, other)] = "same solutions, order differs"
    else:
        verdict[(q, other)] = "**no**: " + v

OXI = "Oxigraph 0.5.11 (npm, WebAssembly, in-process)"
VIRT = "Virtuoso 7.2.5 (Debian)"


def first_best(engine, q):
    ts = times.get((engine, q))
    if not ts:
        return None, None
    if engine == "oxigraph":  # its tool reports first and min itself
        return ts[0], times[("oxigraph-min", q)][0]
    return ts[0], min(ts)


queries = sorted({q for (e, q) in times if e == "maturity"})
engines = ["maturity", "oxigraph", "virtuoso"]
triples = int(run.get("triples", "0") or 0)
print(f"Run of {run.get('start', '?')}: {triples:,} triples, best of {run.get('repeat', '?')} runs per query and engine.")
print(f"Load average (1, 5, 15 min): before {run.get('load-before', '?')}; after ours and Virtuoso's runs "
      f"{run.get('load-http', '?')}" + (f"; after Oxigraph's {run['load-after']}" if 'load-after' in run else "") + ".")
if "serve-q8-vmrss" in run:
    print(f"`maturity serve` after the 8 peer queries: RSS {run['serve-q8-vmrss']} MiB "
          f"({run.get('serve-q8-rssanon', '?')} MiB its own, {run.get('serve-q8-rssfile', '?')} MiB mapped store pages).")
if "serve-vmrss" in run:
    print(f"`maturity serve` after all queries: RSS {run['serve-vmrss']} MiB (peak {run['serve-vmhwm']} MiB), "
          f"of which {run.get('serve-rssanon', '?')} MiB its own memory and {run.get('serve-rssfile', '?')} MiB pages of the mapped store file.")
if "virtuoso-vmrss" in run:
    print(f"Virtuoso's RSS after all queries: {run['virtuoso-vmrss']} MiB.")
if run.get("oxigraph", "ok") != "ok":
    print(f"Oxigraph: {run['oxigraph']}")
print()
print(f"| query | maturity first / best ms | {OXI} first / best ms | {VIRT} first / best ms | same as Oxigraph | same as Virtuoso |")
print("|---|---|---|---|---|---|")
best = defaultdict(dict)
for q in queries:
    cells = []
    for e in engines:
        f, b = first_best(e, q)
        if b is None:
            cells.append("—")
            continue
        best[e][q] = b
        cells.append(f"{f:.1f} / {b:.1f}")
    print(f"| {q} | " + " | ".join(cells) + f" | {verdict.get((q, 'oxigraph'), '—')} | {verdict.get((q, 'virtuoso'), '—')} |")


def geomean(e, qs):
    vals = [best[e][q] for q in qs if q in best[e]]
    if len(vals) != len(qs):
        return float("nan")
    return math.exp(sum(math.log(max(v, 0.01)) for v in vals) / len(vals))


sets = (
    ("the 8 peer queries (q1–q8)", [q for q in queries if q.startswith("q")]),
    ("our 10 (r01–r10)", [q for q in queries if q.startswith("r")]),
    ("the 18 (q1–q8, r01–r10)", [q for q in queries if q[0] in "qr"]),
    ("all queries", queries),
)
print()
print(f"| geometric mean of the best runs | maturity ms | Oxigraph ms | Virtuoso ms | maturity / Oxigraph | maturity / Virtuoso |")
print("|---|---|---|---|---|---|")
for label, qs in sets:
    if not qs:
        continue
    g = {e: geomean(e, qs) for e in engines}
    print(f"| {label} | {g['maturity']:.1f} | {g['oxigraph']:.1f} | {g['virtuoso']:.1f} | "
          f"{g['maturity'] / g['oxigraph']:.2f} | {g['maturity'] / g['virtuoso']:.2f} |")
