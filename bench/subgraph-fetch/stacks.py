"""Where a flight recording's CPU samples went: the methods with the most samples anywhere on the
stack (inclusive) and at the top (self), from jdk.CPUTimeSample when the recording has them, else
jdk.ExecutionSample. Frames are class.method; a filter keeps only stacks through a method.
Usage: stacks.py RECORDING.jfr [TOP] [--through SUBSTRING] [--self]
"""
import collections
import json
import subprocess
import sys

args = [a for a in sys.argv[1:]]
through = None
if "--through" in args:
    i = args.index("--through")
    through = args[i + 1]
    del args[i:i + 2]
recording = args[0]
top = int(args[1]) if len(args) > 1 else 60


def samples(event):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "200", "--events", event, recording],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


events = samples("jdk.CPUTimeSample") or samples("jdk.ExecutionSample")
inclusive = collections.Counter()
self_counter = collections.Counter()
total = 0
for e in events:
    stack = e["values"].get("stackTrace")
    if not stack:
        continue
    frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in stack["frames"]]
    if through and not any(through in f for f in frames):
        continue
    total += 1
    self_counter[frames[0]] += 1
    for f in set(frames):
        inclusive[f] += 1
print(f"{total} samples ({len(events)} in the recording){' through ' + through if through else ''}")
print("inclusive:")
for method, n in inclusive.most_common(top):
    print(f"  {n * 100 / total:5.1f}%  {method}")
print("self:")
for method, n in self_counter.most_common(top // 2):
    print(f"  {n * 100 / total:5.1f}%  {method}")
