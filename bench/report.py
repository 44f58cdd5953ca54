"""Writes the benchmark table (Markdown) and chart (SVG) from the JSON lines of one run."""
import json
import os
import sys
from collections import defaultdict

results_file, out_dir, duration, warmup, users = sys.argv[1:6]
rows = [json.loads(line) for line in open(results_file) if line.strip()]
by_key = {(r["scenario"], r["target"], r["concurrency"]): r for r in rows}
scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
levels = sorted({r["concurrency"] for r in rows})
targets = ["ours", "ours-nodedup", "before", "before-nodedup", "ours-bigheap", "apollo", "hive", "hive-rust", "direct"]


def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "n/a"


lines = [
    "# Gateway benchmark",
    "",
    f"One run on this machine ({os.cpu_count()} cores): the same four services, supergraph, seeded dataset and",
    f"queries for every target; {warmup} s warm-up excluded, {duration} s measured per point with `wrk`.",
    "`direct` is the subgraph called without a gateway. CPU is cores used by the gateway process",
    "(the subgraph for `direct`), RSS its peak resident memory, load the machine's 1-minute load",
    "average when the point ended (the machine is shared: compare targets within one run).",
    f"Traffic is {users} distinct signed-in customers, each with their own token: every request is the next",
    "customer's (order-history reads that customer's own orders; place-order checks out as one of",
    f"{users} other customers, so the order histories stay the same all run). Deduplication of identical",
    "fetches therefore only helps where two shoppers really ask the same thing at the same time."
    + (f"\nAt c > {users} some connections necessarily ask for the same customer at once." if levels[-1] > int(users) else ""),
    "",
    "CPU ms/op is the measured process's CPU time divided by the requests it answered; alloc KB/op the",
    "heap our gateway allocated per request (its `gateway_jvm_allocated_bytes_total`; Node gateways: n/a).",
    "",
    "| scenario | c | target | req/s | p50 ms | p90 ms | p99 ms | errors | CPU cores | CPU ms/op | alloc KB/op | RSS MB | load |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]
for s in scenarios:
    for c in levels:
        for t in targets:
            r = by_key.get((s, t, c))
            if r:
                cpu_op = f"{r['cpu_ms_per_op']:.3f}" if 'cpu_ms_per_op' in r else "n/a"
                alloc_op = f"{r['alloc_kb_per_op']:.1f}" if 'alloc_kb_per_op' in r else "n/a"
                load = f"{r['load']:.1f}" if 'load' in r else "n/a"
                lines.append(f"| {s} | {c} | {t} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p90_ms']:.2f} | "
                             f"{r['p99_ms']:.2f} | {r['errors']} | {r['cpu_cores']:.2f} | {cpu_op} | {alloc_op} | "
                             f"{r['rss_mb']:.0f} | {load} |")
lines += ["", "`ours-nodedup` is our gateway with `GATEWAY_DEDUPLICATE_QUERIES=false`: identical subgraph fetches",
          "in flight at once are not shared, as when every shopper asks something different.",
          "", "| scenario | c | ours ÷ Apollo (req/s) | ours ÷ Hive (req/s) | dedup off: ours ÷ Apollo | dedup off: ours ÷ Hive "
          "| our added p50 over direct |", "|---|---|---|---|---|---|---|"]
for s in scenarios:
    for c in levels:
        ours, nodedup, apollo, hive, direct = (by_key.get((s, t, c)) for t in ["ours", "ours-nodedup", "apollo", "hive", "direct"])
        if not ours:
            continue
        added = f"{ours['p50_ms'] - direct['p50_ms']:.2f} ms" if direct else "n/a"
        lines.append(f"| {s} | {c} | {ratio(ours['rps'], apollo and apollo['rps'])} | "
                     f"{ratio(ours['rps'], hive and hive['rps'])} | {ratio(nodedup and nodedup['rps'], apollo and apollo['rps'])} | "
                     f"{ratio(nodedup and nodedup['rps'], hive and hive['rps'])} | {added} |")
if any(t == "hive-rust" for (_, t, _) in by_key):
    lines += ["", "`hive-rust` is Hive Gateway with Hive Router's Rust query planner and runtime "
              "(`@graphql-hive/router-runtime`, `--hive-router-runtime`).", "",
              "| scenario | c | ours ÷ hive-rust (req/s) | dedup off: ours ÷ hive-rust |", "|---|---|---|---|"]
    for s in scenarios:
        for c in levels:
            ours, nodedup, rust = (by_key.get((s, t, c)) for t in ["ours", "ours-nodedup", "hive-rust"])
            if ours and rust:
                lines.append(f"| {s} | {c} | {ratio(ours['rps'], rust['rps'])} | "
                             f"{ratio(nodedup and nodedup['rps'], rust['rps'])} |")
if any(t == "ours-bigheap" for (_, t, _) in by_key):
    lines += ["", "Memory: `ours` runs with the gateway's shipped JVM settings (graphql-gateway/jvm.options), "
              "`ours-bigheap` with a fixed 1 GB heap; peak RSS against Apollo Gateway's in the same run.", "",
              "| scenario | c | ours RSS MB | Apollo RSS MB | ours ÷ Apollo RSS | ours req/s ÷ bigheap req/s |",
              "|---|---|---|---|---|---|"]
    for s in scenarios:
        for c in levels:
            ours, big, apollo = (by_key.get((s, t, c)) for t in ["ours", "ours-bigheap", "apollo"])
            if ours and big and apollo:
                lines.append(f"| {s} | {c} | {ours['rss_mb']:.0f} | {apollo['rss_mb']:.0f} | "
                             f"{ratio(ours['rss_mb'], apollo['rss_mb'])} | {ratio(ours['rps'], big['rps'])} |")
if any(t == "before" for (_, t, _) in by_key):
    lines += ["", "`before` and `before-nodedup` are another build of our gateway (bench/run's BENCH_BASELINE_JAR) in",
              "the same run: ratios are this build's figure ÷ the baseline's (req/s: higher is better; CPU and",
              "allocation per operation: lower is better).", "",
              "| scenario | c | req/s after ÷ before | CPU/op after ÷ before | alloc/op after ÷ before "
              "| dedup off: req/s | dedup off: CPU/op | dedup off: alloc/op |", "|---|---|---|---|---|---|---|---|"]

    def per_op(a, b, field):
        return ratio(a.get(field) if a else None, b.get(field) if b else None)

    for s in scenarios:
        for c in levels:
            ours, nodedup, before, before_nodedup = (by_key.get((s, t, c)) for t in ["ours", "ours-nodedup", "before", "before-nodedup"])
            if not (before or before_nodedup):
                continue
            lines.append(f"| {s} | {c} | {per_op(ours, before, 'rps')} | {per_op(ours, before, 'cpu_ms_per_op')} | "
                         f"{per_op(ours, before, 'alloc_kb_per_op')} | {per_op(nodedup, before_nodedup, 'rps')} | "
                         f"{per_op(nodedup, before_nodedup, 'cpu_ms_per_op')} | "
                         f"{per_op(nodedup, before_nodedup, 'alloc_kb_per_op')} |")
os.makedirs(out_dir, exist_ok=True)
open(os.path.join(out_dir, "latest.md"), "w").write("\n".join(lines) + "\n")

# Grouped bar chart of req/s at the highest concurrency, one group per scenario.
c = levels[-1]
colors = {"ours": "#2b8a3e", "ours-nodedup": "#8ce99a", "before": "#5c940d", "before-nodedup": "#c0eb75", "ours-bigheap": "#087f5b", "apollo": "#364fc7", "hive": "#e67700", "hive-rust": "#d9480f", "direct": "#868e96"}
values = defaultdict(dict)
for s in scenarios:
    for t in targets:
        if (s, t, c) in by_key:
            values[s][t] = by_key[(s, t, c)]["rps"]
peak = max((v for d in values.values() for v in d.values()), default=1) or 1
width, height, left, bottom, group = 1500, 360, 60, 300, 290
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
       f'<text x="{left}" y="20" font-size="14">Requests/s at concurrency {c} (higher is better)</text>']
for i, s in enumerate(scenarios):
    x0 = left + i * group
    for j, t in enumerate(targets):
        v = values[s].get(t)
        if v is None:
            continue
        h = 240 * v / peak
        x = x0 + j * 36
        svg.append(f'<rect x="{x}" y="{bottom - h:.1f}" width="30" height="{h:.1f}" fill="{colors[t]}"/>')
        svg.append(f'<text x="{x + 15}" y="{bottom - h - 3:.1f}" text-anchor="middle">{v:.0f}</text>')
    svg.append(f'<text x="{x0 + 70}" y="{bottom + 16}" text-anchor="middle">{s}</text>')
for j, t in enumerate(targets):
    svg.append(f'<rect x="{left + j * 90}" y="{bottom + 32}" width="12" height="12" fill="{colors[t]}"/>'
               f'<text x="{left + j * 90 + 16}" y="{bottom + 42}">{t}</text>')
svg.append("</svg>")
open(os.path.join(out_dir, "latest.svg"), "w").write("\n".join(svg) + "\n")
