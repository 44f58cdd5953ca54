"""The captured subgraph fetches (proxy.py's JSON lines, one file per subgraph).

  fetches.py split CAPTURE_DIR OUT_DIR
      groups each subgraph's requests by query (literals aside) (one fetch of a gateway plan each) and writes
      OUT_DIR/<fetch>.req (replay.lua's format) and OUT_DIR/fetches.json (name, service, count,
      representations per request, query)
  fetches.py compare CAPTURE_DIR SERVICE=PORT...
      sends every captured request to the subgraph directly, as captured, and compares the answer
      byte for byte with the captured one; exits non-zero on any difference (ONLY="FETCH...": those fetches only)
"""
import http.client
import json
import os
import re
import sys
from collections import OrderedDict

SERVICES = ["users", "products", "orders", "payments"]
# replayed as the gateway sent them; tracing headers are left out (tracing is off in the runs)
KEEP = {"content-type", "accept", "authorization", "x-request-deadline-ms"}


def records(capture_dir, service):
    path = os.path.join(capture_dir, service + ".jsonl")
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path) if line.strip()]


def name_of(service, query):
    """The operation's name (the gateway names each fetch <Operation>__<subgraph>__<step>)."""
    named = re.match(r"\s*(?:query|mutation)\s+(\w+)", query)
    return named.group(1) if named else service + "-anonymous"


def shape_of(query):
    """The query with its literals blanked: the gateway inlines a root field's arguments."""
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', query)


def split(capture_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    fetches = []
    for service in SERVICES:
        by_query = OrderedDict()
        for record in records(capture_dir, service):
            query = json.loads(record["body"])["query"]
            by_query.setdefault(shape_of(query), []).append(record)
        names = {}
        for query, group in by_query.items():
            name = name_of(service, query)
            names[name] = names.get(name, 0) + 1
            if names[name] > 1:
                name += f"-{names[name]}"
            with open(os.path.join(out_dir, name + ".req"), "w") as out:
                for record in group:
                    headers = [f"{k}: {v}" for k, v in record["headers"].items() if k.lower() in KEEP]
                    body = json.dumps(json.loads(record["body"]), separators=(",", ":"))
                    assert "\t" not in body and "\n" not in body
                    out.write("\t".join(headers + [body]) + "\n")
            reps = [len(json.loads(r["body"]).get("variables", {}).get("representations", [])) for r in group]
            fetches.append({"name": name, "service": service, "count": len(group),
                            "representations": reps, "query": query})
    with open(os.path.join(out_dir, "fetches.json"), "w") as out:
        json.dump(fetches, out, indent=1)
    for f in fetches:
        print(f"{f['name']:40} {f['count']:4} requests, representations per request {sorted(set(f['representations']))}")


def compare(capture_dir, ports, only=None):
    differences = same = 0
    for service, port in ports.items():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for record in records(capture_dir, service):
            if only and not any(f"query {name}(" in record["body"] or f"query {name} " in record["body"] for name in only):
                continue
            headers = {k: v for k, v in record["headers"].items() if k.lower() in KEEP}
            conn.request("POST", record["path"], body=record["body"].encode(), headers=headers)
            response = conn.getresponse()
            answer = response.read().decode()
            if response.status != record["status"] or answer != record["response"]:
                differences += 1
                if differences <= 5:
                    print(f"DIFFERENT {service} {record['body'][:200]}\n  was {record['status']} {record['response'][:600]}"
                          f"\n  now {response.status} {answer[:600]}")
            else:
                same += 1
        conn.close()
    print(f"compare: {same} answers byte-for-byte the same, {differences} different")
    return differences == 0


if __name__ == "__main__":
    if sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "compare":
        only = os.environ.get("ONLY", "").split()
        ok = compare(sys.argv[2], {a.split("=")[0]: int(a.split("=")[1]) for a in sys.argv[3:]}, only)
        sys.exit(0 if ok else 1)
    else:
        sys.exit(__doc__)
