"""Summarizes bench/checkout/run results: one row per label and concurrency, the median of every
measured point (repeats, and runs given as several labels with the same prefix before '-r').
Usage: summarize.py RAW_DIR LABEL [LABEL...]"""
import json, statistics, sys, glob, os

raw, labels = sys.argv[1], sys.argv[2:]
cols = ["rps", "p50_ms", "cpu_gateway_ms_per_order", "cpu_orders_ms_per_order", "cpu_products_ms_per_order",
        "cpu_payments_ms_per_order", "cpu_mysqld_ms_per_order", "sql_orders_per_order", "sql_products_per_order",
        "sql_payments_per_order", "cpu_app_gateway_ms_per_order", "cpu_app_orders_ms_per_order",
        "cpu_app_products_ms_per_order", "cpu_app_payments_ms_per_order", "load"]
heads = ["req/s", "p50 ms", "CPU ms/order gateway", "orders", "products", "payments", "mysqld*", "SQL/order orders",
         "products", "payments", "app CPU ms/order gateway", "orders", "products", "payments", "load avg"]
print("| build | c | points | " + " | ".join(heads) + " |")
print("|---|---|---|" + "---|" * len(heads))
for label in labels:
    points = []
    for path in sorted(glob.glob(os.path.join(raw, label + "*.jsonl"))):
        points += [json.loads(l) for l in open(path) if l.startswith("{")]
    for c in sorted({p["c"] for p in points}):
        at = [p for p in points if p["c"] == c]
        row = [f"{statistics.median(p[k] for p in at if k in p):.1f}" if any(k in p for p in at) else "-" for k in cols]
        print(f"| {label} | {c} | {len(at)} | " + " | ".join(row) + " |")
