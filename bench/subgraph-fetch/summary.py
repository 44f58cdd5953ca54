"""Summary of measure runs: CPU ms per request per fetch (median, min, max over the rounds), and
with two or more result files the median's change from the first to the others.
Usage: summary.py RESULTS.jsonl [MORE.jsonl...]
"""
import json
import statistics
import sys
from collections import OrderedDict


def load(path):
    by_fetch = OrderedDict()
    label = None
    for line in open(path):
        r = json.loads(line)
        label = r["label"]
        by_fetch.setdefault(r["fetch"], []).append(r)
    return label, by_fetch


runs = [load(p) for p in sys.argv[1:]]
print("| fetch | " + " | ".join(f"{label}: CPU ms/request, median (min–max) of {len(next(iter(f.values())))}"
                                for label, f in runs) + (" | change |" if len(runs) > 1 else " |"))
print("|---" * (len(runs) + 1 + (1 if len(runs) > 1 else 0)) + "|")
first_label, first = runs[0]
for fetch in first:
    cells = []
    medians = []
    for _, by_fetch in runs:
        rows = by_fetch.get(fetch, [])
        values = [r["cpu_ms_per_request"] for r in rows]
        if not values:
            cells.append("—")
            medians.append(None)
            continue
        m = statistics.median(values)
        medians.append(m)
        errors = sum(r["errors"] for r in rows)
        cells.append(f"{m:.3f} ({min(values):.3f}–{max(values):.3f})" + (f" {errors} errors" if errors else ""))
    change = ""
    if len(runs) > 1 and medians[0] and medians[-1]:
        change = f" {medians[-1] / medians[0] * 100 - 100:+.0f}% |"
    print(f"| {fetch} | " + " | ".join(cells) + (" |" + change if len(runs) > 1 else " |"))
