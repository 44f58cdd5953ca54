-- wrk script for the benchmark: POSTs a GraphQL body read from a file. With a users file
-- ("user_id token" per line) each request is the next shopper's: "__USER_ID__" in the body becomes
-- the shopper's id and the request carries the shopper's "Authorization: Bearer" token; shoppers
-- are taken round-robin, each wrk thread starting at its own share of the list so that concurrent
-- connections rarely ask for the same shopper. "__KEY__" in the body becomes a key unique per
-- request (so each placeOrder is a new checkout, not an idempotent replay). Every request string
-- is built in init(); per request only a key is spliced in. Prints one JSON line when done.
-- Usage: wrk -s bench/wrk.lua URL -- BODY_FILE [USERS_FILE|-] [RUN_ID] [THREADS]
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

local function read_users(path)
  local users = {}
  if not path or path == "" or path == "-" then return users end
  for line in assert(io.open(path, "r")):lines() do
    local id, token = line:match("^(%S+)%s+(%S+)$")
    if id then users[#users + 1] = { id = id, token = token } end
  end
  assert(#users > 0, "no users in " .. path)
  return users
end

-- The request for one shopper (nil: anonymous) as the text before and after the key, the key
-- being key_width characters long (empty when the body has no "__KEY__").
local function build(template, user, key_width)
  local headers = { ["Content-Type"] = "application/json" }
  local body = template
  if user then
    headers["Authorization"] = "Bearer " .. user.token
    body = body:gsub("__USER_ID__", function() return user.id end)
  end
  local s, e = body:find("__KEY__", 1, true)
  if not s then return wrk.format("POST", nil, headers, body), "" end
  assert(not body:find("__KEY__", e + 1, true), "one __KEY__ per body")
  local before, after = body:sub(1, s - 1), body:sub(e + 1)
  -- formatted with a filler of the key's length, so Content-Length is right for every key
  local request = wrk.format("POST", nil, headers, before .. string.rep("k", key_width) .. after)
  return request:sub(1, #request - key_width - #after), after
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  local template = file:read("*a")
  file:close()
  local users = read_users(args[2])
  key_prefix = (args[3] or "run") .. "-" .. tid .. "-"
  local thread_total = tonumber(args[4] or "1")
  has_key = template:find("__KEY__", 1, true) ~= nil
  local key_width = #key_prefix + 9 -- the counter is printed with 9 digits
  counter = 0
  heads, tails = {}, {}
  if #users == 0 then
    heads[1], tails[1] = build(template, nil, key_width)
  else
    for i, user in ipairs(users) do heads[i], tails[i] = build(template, user, key_width) end
  end
  user_count = #heads
  -- thread t of T starts at shopper (t-1)*n/T: the threads' connections walk different shoppers
  next_user = math.floor((tid - 1) * user_count / thread_total) % user_count
  static_request = user_count == 1 and not has_key and heads[1] or nil
end

function request()
  if static_request then return static_request end
  next_user = next_user % user_count + 1
  if not has_key then return heads[next_user] end
  counter = counter + 1
  return heads[next_user] .. key_prefix .. string.format("%09d", counter) .. tails[next_user]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "rps": %.2f, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "errors": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
