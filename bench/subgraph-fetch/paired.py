"""Pooled A/B figures over repeated `run ab` runs: per fetch, the median (min–max) CPU ms per
request of A and of B over all their rounds, each run's median change, and the median of the
per-round B/A ratios (A and B of one round ran back to back, so the ratio cancels most of the
machine's load swings).
Usage: paired.py LABEL [LABEL...]   (reads work/results/LABEL-a.jsonl and LABEL-b.jsonl)
"""
import json
import os
import statistics
import sys
from collections import defaultdict

results = os.path.join(os.path.dirname(__file__), "work", "results")
a_all, b_all, ratios, run_changes = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
for label in sys.argv[1:]:
    rows = {}
    for side in "ab":
        for line in open(os.path.join(results, f"{label}-{side}.jsonl")):
            r = json.loads(line)
            rows[(side, r["fetch"], r["round"])] = r["cpu_ms_per_request"]
    fetches = sorted({f for _, f, _ in rows})
    for fetch in fetches:
        a = [v for (s, f, _), v in rows.items() if s == "a" and f == fetch]
        b = [v for (s, f, _), v in rows.items() if s == "b" and f == fetch]
        a_all[fetch] += a
        b_all[fetch] += b
        run_changes[fetch].append(statistics.median(b) / statistics.median(a) - 1)
        for (s, f, rnd), v in rows.items():
            if s == "a" and f == fetch and ("b", f, rnd) in rows:
                ratios[fetch].append(rows[("b", f, rnd)] / v)
print("| fetch | A: median (min–max) | B: median (min–max) | change of the medians per run | median per-round B/A (min–max) |")
print("|---|---|---|---|---|")
for fetch in a_all:
    a, b, q = a_all[fetch], b_all[fetch], ratios[fetch]
    print(f"| {fetch} | {statistics.median(a):.3f} ({min(a):.3f}–{max(a):.3f}), n={len(a)}"
          f" | {statistics.median(b):.3f} ({min(b):.3f}–{max(b):.3f}), n={len(b)}"
          f" | {', '.join(f'{c:+.0%}' for c in run_changes[fetch])}"
          f" | {statistics.median(q) - 1:+.0%} ({min(q) - 1:+.0%} to {max(q) - 1:+.0%}) |")
