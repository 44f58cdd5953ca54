"""Summary of `run gateway-floor` results: CPU ms per operation per gateway (median, min-max over the
rounds) and, per round, each gateway's ratio to the others of the same round (medians).
Usage: floor_summary.py RESULTS.jsonl [MORE.jsonl...]  (rounds of several runs are pooled)
"""
import json
import statistics
import sys
from collections import defaultdict

rows = defaultdict(dict)
for n, path in enumerate(sys.argv[1:]):
    for line in open(path):
        r = json.loads(line)
        rows[(r["fetch"], n, r["round"])][r["service"]] = r["cpu_ms_per_request"]
queries = sorted({q for q, _, _ in rows}, reverse=True)
targets = [t for t in ("before", "ours", "floor") if any(t in v for v in rows.values())]
print("| operation | " + " | ".join(f"{t}: CPU ms/op" for t in targets) + " | ours ÷ before | floor ÷ before | floor ÷ ours |")
print("|---" * (len(targets) + 4) + "|")
for q in queries:
    rounds = [v for (qq, _, _), v in rows.items() if qq == q]
    cells = []
    for t in targets:
        values = [v[t] for v in rounds if t in v]
        cells.append(f"{statistics.median(values):.3f} ({min(values):.3f}–{max(values):.3f}), n={len(values)}")
    def ratio(a, b):
        values = [v[a] / v[b] for v in rounds if a in v and b in v]
        return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})" if values else "–"
    print(f"| {q} | " + " | ".join(cells) + f" | {ratio('ours', 'before')} | {ratio('floor', 'before')} | {ratio('floor', 'ours')} |")
