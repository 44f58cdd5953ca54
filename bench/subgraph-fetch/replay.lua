-- wrk script: replays captured subgraph requests round-robin, each connection taking the next.
-- The requests file has one request a line: tab-separated "Name: value" headers, then the JSON
-- body (compact JSON holds no raw tab or newline). A response other than 200 is printed.
-- (wrk 4.1 runs for its -d whatever a script does: thread:stop() ends the thread's loop, not the
-- run, so a round is a fixed time and the caller divides by the responses counted.)
-- Usage: wrk -s replay.lua URL -- REQUESTS_FILE

function init(args)
  requests = {}
  for line in assert(io.open(args[1], "r")):lines() do
    local fields = {}
    for field in line:gmatch("[^\t]+") do fields[#fields + 1] = field end
    local headers = {}
    for i = 1, #fields - 1 do
      local name, value = fields[i]:match("^([^:]+):%s*(.*)$")
      headers[name] = value
    end
    requests[#requests + 1] = wrk.format("POST", nil, headers, fields[#fields])
  end
  assert(#requests > 0, "no requests in " .. args[1])
  next_request = 0
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. ": " .. body:sub(1, 300) .. "\n")
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration_us": %d, "p50_ms": %.3f, "errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
