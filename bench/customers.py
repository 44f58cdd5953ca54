"""Creates the benchmark's shoppers through a gateway, so the load is many signed-in customers
rather than one: each registers (the register mutation signs the new account in and returns its
token) and the history shoppers place a few orders of several products each.

Writes two files of "user_id token" lines:
  HISTORY_FILE   customers with an order history (read scenarios: order history, listing, detail)
  CHECKOUT_FILE  customers without one, who check out during the place-order scenario; kept apart
                 so the history shoppers' first page of orders is the same at every point of the run
  LARGE_FILE     (optional) customers with a long history, LARGE_ORDERS orders each: the
                 deep-history-large scenario's first page of orders is ~50 orders, an ~80 KB answer
Usage: customers.py GATEWAY_URL COUNT ORDERS_EACH HISTORY_FILE CHECKOUT_FILE [LARGE_FILE LARGE_ORDERS]
"""
import json
import random
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

url, count, orders_each, history_file, checkout_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
large_file, large_orders = (sys.argv[6], int(sys.argv[7])) if len(sys.argv) > 7 else (None, 0)
# the seeded catalogue (bench/run sets every stock high enough for the whole run)
PRODUCTS = [f"prod-{n:02d}" for n in range(1, 25)]
# at least 10 characters, not common, not containing the email's local part (users' password rules)
PASSWORD = "quiet-harbour-lantern-42"
REGISTER = ("mutation Register($input: RegisterInput!) { register(input: $input) {"
            " token user { id } userErrors { code message } } }")
PLACE_ORDER = ("mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) {"
               " order { id status } userErrors { code message } } }")


def post(query, variables, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = "Bearer " + token
    body = json.dumps({"query": query, "variables": variables}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=60) as response:
        answer = json.loads(response.read())
    if answer.get("errors"):
        raise RuntimeError(f"{query.split('(')[0]}: errors {json.dumps(answer['errors'])[:300]}")
    return answer["data"]


def register(email, name):
    payload = post(REGISTER, {"input": {"email": email, "name": name, "password": PASSWORD}})["register"]
    if payload["userErrors"] or not payload["token"]:
        raise RuntimeError(f"register {email}: {payload['userErrors']}")
    return payload["user"]["id"], payload["token"]


def history_shopper(index, kind="shopper", orders=orders_each):
    user_id, token = register(f"bench-{kind}-{index:03d}@example.com", f"Bench {kind.capitalize()} {index}")
    rng = random.Random(index)  # the same histories on every run
    for n in range(orders):
        items = [{"productId": p, "quantity": rng.randint(1, 3)} for p in rng.sample(PRODUCTS, rng.randint(2, 4))]
        payload = post(PLACE_ORDER, {"input": {"idempotencyKey": f"bench-{kind}-{index}-{n}", "items": items,
                                               "paymentMethod": {"cardNumber": "4242424242424242"}}}, token)["placeOrder"]
        if payload["userErrors"] or not payload["order"]:
            raise RuntimeError(f"placeOrder for shopper {index}: {payload['userErrors']}")
    return user_id, token


def checkout_shopper(index):
    return register(f"bench-checkout-{index:03d}@example.com", f"Bench Checkout {index}")


started = time.monotonic()
# a few at a time: the machine has few cores and the subgraphs do the work (Argon2 hashing, checkout)
with ThreadPoolExecutor(max_workers=4) as pool:
    history = list(pool.map(history_shopper, range(1, count + 1)))
    checkout = list(pool.map(checkout_shopper, range(1, count + 1)))
    large = list(pool.map(lambda i: history_shopper(i, "large", large_orders), range(1, count + 1))) if large_file else []
for path, shoppers in ((history_file, history), (checkout_file, checkout), (large_file, large)):
    if path is None:
        continue
    with open(path, "w") as out:
        out.writelines(f"{user_id} {token}\n" for user_id, token in shoppers)
print(f"bench: {count} shoppers with {orders_each} orders each, {count} checkout shoppers"
      + (f" and {count} with {large_orders} orders each" if large_file else "")
      + f" in {time.monotonic() - started:.1f} s")
