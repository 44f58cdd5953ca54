"""Sends each benchmark query once to every gateway and compares the answers, so the numbers are
for equal work: prints one line per query with 'same' or the difference, and any GraphQL errors."""
import json
import sys
import urllib.request

token, urls, files = sys.argv[1], sys.argv[2:5], sys.argv[5:]
names = ["ours", "apollo", "hive"]


def post(url, body):
    request = urllib.request.Request(url, data=body, headers={"content-type": "application/json",
                                                             "authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


for file in files:
    body = open(file, "rb").read()
    answers = {name: post(url, body) for name, url in zip(names, urls)}
    verdicts = []
    for name, answer in answers.items():
        if answer.get("errors"):
            verdicts.append(f"{name}: errors {json.dumps(answer['errors'])[:300]}")
        elif answer.get("data") != answers["ours"].get("data"):
            verdicts.append(f"{name}: data differs from ours")
    print(f"{file}: " + ("same data from all gateways" if not verdicts else "; ".join(verdicts)))
