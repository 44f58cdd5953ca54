"""Turns one `hey` report into a JSON line: throughput, latency percentiles, errors, CPU, RSS."""
import json
import re
import sys

path, scenario, target, concurrency, cpu_cores, rss_kb = sys.argv[1:7]
text = open(path).read()


def number(pattern, default=0.0):
    match = re.search(pattern, text)
    return float(match.group(1)) if match else default


latency = {p: number(rf"\s{p}%% in ([0-9.]+) secs") * 1000 for p in ("50", "90", "99")}
responses = {int(code): int(count) for code, count in re.findall(r"\[(\d+)\]\s+(\d+) responses", text)}
ok = responses.get(200, 0)
failed = sum(count for code, count in responses.items() if code != 200)
# transport failures (refused, timeouts) are listed, with counts, under "Error distribution:"
if "Error distribution:" in text:
    failed += sum(int(n) for n in re.findall(r"^\s+\[(\d+)\]\s", text.split("Error distribution:", 1)[1], re.M))
print(json.dumps({
    "scenario": scenario,
    "target": target,
    "concurrency": int(concurrency),
    "rps": number(r"Requests/sec:\s+([0-9.]+)"),
    "p50_ms": latency["50"],
    "p90_ms": latency["90"],
    "p99_ms": latency["99"],
    "ok": ok,
    "errors": failed,
    "cpu_cores": round(float(cpu_cores), 3),
    "rss_mb": round(int(rss_kb) / 1024, 1),
}))
