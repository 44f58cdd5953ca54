-- wrk script for the benchmark: POSTs a GraphQL body read from a file, with an optional
-- Authorization header; "__KEY__" in the body becomes a key unique per request (so each
-- placeOrder is a new checkout, not an idempotent replay). Prints one JSON line when done.
-- Usage: wrk -s bench/wrk.lua URL -- BODY_FILE [HEADER_LINE] [RUN_ID]
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  template = file:read("*a")
  file:close()
  headers = { ["Content-Type"] = "application/json" }
  -- args[2] is a whole header line, e.g. "Authorization: Bearer ..."
  local name, value = (args[2] or ""):match("^([^:]+):%s*(.*)$")
  if name then headers[name] = value end
  run_id = args[3] or "run"
  counter = 0
  has_key = template:find("__KEY__", 1, true) ~= nil
  static_request = wrk.format("POST", nil, headers, template)
end

function request()
  if not has_key then return static_request end
  counter = counter + 1
  local body = template:gsub("__KEY__", run_id .. "-" .. tid .. "-" .. counter)
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "rps": %.2f, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "errors": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
