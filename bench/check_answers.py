"""Sends each benchmark query to every gateway before any timing, so the numbers are for equal
work: read queries for two shoppers (the first and one from the middle of the users file), whose
answers must be the same from all gateways; a body with "__KEY__" (placeOrder) once per gateway
for the first checkout shopper, whose order must be placed. Prints one line per query and
shopper; exits non-zero on any GraphQL error, user error, empty answer or difference.
Usage: check_answers.py USERS_FILE CHECKOUT_USERS_FILE URL_OURS URL_APOLLO URL_HIVE BODY_FILE...
"""
import json
import os
import sys
import urllib.request

users_file, checkout_file, urls, files = sys.argv[1], sys.argv[2], sys.argv[3:6], sys.argv[6:]
names = ["ours", "apollo", "hive"]


def shoppers(path):
    return [tuple(line.split()) for line in open(path) if line.strip()]


def post(url, body, token):
    request = urllib.request.Request(url, data=body.encode(), headers={"content-type": "application/json",
                                                                      "authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def problems_of(answer):
    if answer.get("errors"):
        return f"errors {json.dumps(answer['errors'])[:300]}"
    if not answer.get("data") or None in answer["data"].values():
        return f"no data {json.dumps(answer)[:300]}"
    return None


readers = shoppers(users_file)
checkout = shoppers(checkout_file)
failures = 0
for file in files:
    template = open(file).read()
    if "__KEY__" in template:
        for name, url in zip(names, urls):
            user_id, token = checkout[0]
            body = template.replace("__USER_ID__", user_id).replace("__KEY__", f"check-{name}-{os.getpid()}")
            answer = post(url, body, token)
            payload = next(iter((answer.get("data") or {}).values()), None) or {}
            problem = problems_of(answer) or (payload.get("userErrors") and f"user errors {payload['userErrors']}")
            failures += bool(problem)
            print(f"{file} {name} as {user_id}: {problem or 'placed'}")
        continue
    for user_id, token in (readers[0], readers[len(readers) // 2]):
        body = template.replace("__USER_ID__", user_id)
        answers = {name: post(url, body, token) for name, url in zip(names, urls)}
        verdicts = []
        for name, answer in answers.items():
            problem = problems_of(answer)
            if not problem and "__USER_ID__" in template and user_id not in json.dumps(answer["data"]):
                problem = "answer is not about this shopper"
            if problem:
                verdicts.append(f"{name}: {problem}")
            elif answer["data"] != answers["ours"]["data"]:
                verdicts.append(f"{name}: data differs from ours")
        failures += len(verdicts)
        print(f"{file} as {user_id}: " + ("same data from all gateways" if not verdicts else "; ".join(verdicts)))
if failures:
    sys.exit(f"error: {failures} answer(s) wrong or different; no timing on unequal work")
