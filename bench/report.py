#!/usr/bin/env python3
"""report.py OUT REPEAT: the Markdown table of a sparql-bench.sh run.

Per engine and query: the first (cold) run and the best of REPEAT, in ms;
the geometric mean of the best runs; our ratios to Oxigraph 0.5.11 (npm, WebAssembly, in-process)
and Virtuoso 7.2.5 (Debian);
and whether the answers are identical (compare-results.py --ordered).
"""
import math
import sys
from collections import defaultdict

out, repeat = sys.argv[1], sys.argv[2]
times = defaultdict(list)
for line in open(f"{out}/times.tsv"):
    engine, q, ms = line.rstrip("\n").split("\t")
    times[(engine, q)].append(float(ms))
verdict = {}
for line in open(f"{out}/compare.txt"):
    q, other, v = line.rstrip("\n").split("\t", 2)
    verdict[(q, other)] = "yes" if v.startswith("MATCH") else "**no**: " + v


def first_best(engine, q):
    ts = times.get((engine, q))
    if not ts:
        return None, None
    if engine == "oxigraph":  # its tool reports first and min itself
        return ts[0], times[("oxigraph-min", q)][0]
    return ts[0], min(ts)


queries = sorted({q for (_, q) in times})
engines = ["maturity", "oxigraph", "virtuoso"]
print(f"| query | maturity first / best ms | Oxigraph 0.5.11 (npm, WebAssembly, in-process) first / best ms | Virtuoso 7.2.5 (Debian) first / best ms | same as Oxigraph | same as Virtuoso |")
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
    print(f"| {q} | " + " | ".join(cells) + f" | {verdict.get((q, 'oxigraph'), '?')} | {verdict.get((q, 'virtuoso'), '?')} |")


def geomean(e, qs):
    vals = [best[e][q] for q in qs if q in best[e]]
    return math.exp(sum(math.log(max(v, 0.01)) for v in vals) / len(vals)) if vals else float("nan")


core = [q for q in queries if q.startswith("q")]
print()
for label, qs in (("the 8 researcher queries (q1–q8)", core), ("all queries", queries)):
    g = {e: geomean(e, qs) for e in engines}
    print(f"Geometric mean of the best of {repeat} runs, {label}: maturity {g['maturity']:.1f} ms, "
          f"Oxigraph 0.5.11 (npm, WebAssembly, in-process) {g['oxigraph']:.1f} ms, Virtuoso 7.2.5 (Debian) {g['virtuoso']:.1f} ms; "
          f"maturity/Oxigraph = {g['maturity'] / g['oxigraph']:.2f} (goal ≤ 0.5), "
          f"maturity/Virtuoso = {g['maturity'] / g['virtuoso']:.2f} (goal ≤ 1.5).")
    print()
