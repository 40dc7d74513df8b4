-- wrk script for `make bench` (bench/run.sh): one scenario per run, chosen by $SCENARIO.
--   get      GET $BENCH_PATH                            (token $BENCH_TOKEN, none when empty)
--   order    GET /api/v1/orders/{id}                    (ids from $BENCH_IDS, at random; token $BENCH_TOKEN)
--   create   POST /api/v1/orders                        (a new person per request; token $BENCH_TOKEN,
--                                                        permission $BENCH_PERMISSION, unit $BENCH_UNIT)
--   login    POST /api/v1/auth/login                    (round robin over the emails in $BENCH_EMAILS)
-- When done, it appends one line to $BENCH_RESULTS:
--   name requests duration_us p50_us p99_us non_2xx socket_errors

local scenario = os.getenv("SCENARIO") or "get"
local token = os.getenv("BENCH_TOKEN") or ""
local counter = 0
local threads_total = 1
local lines = {}
local auth = token ~= "" and { ["Authorization"] = "Bearer " .. token } or {}
local json_auth = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local json = { ["Content-Type"] = "application/json" }
local threads = {}

local function read_lines(path)
  local t = {}
  for line in io.lines(path) do
    if #line > 0 then t[#t + 1] = line end
  end
  return t
end

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_id = thread_id or 0
  threads_total = tonumber(os.getenv("BENCH_THREADS") or "2")
  math.randomseed(os.time() * 1000 + thread_id)
  if scenario == "order" then
    lines = read_lines(os.getenv("BENCH_IDS"))
  elseif scenario == "login" then
    lines = read_lines(os.getenv("BENCH_EMAILS"))
    counter = thread_id * 7919
  elseif scenario == "create" then
    -- Each run (the warm-up, the measured run) makes people of its own.
    counter = tonumber(os.getenv("BENCH_OFFSET") or "0")
  end
end

-- A valid personal identity number nobody in the seed has: born 2005 or later, one per request
-- (distinct for n below 7,000,000).
local function personal_number(n)
  local day = n % 7000
  local serial = math.floor(n / 7000) % 1000
  local t = os.date("!*t", 1104537600 + day * 86400) -- 2005-01-01
  local nine = string.format("%02d%02d%02d%03d", t.year % 100, t.month, t.day, serial)
  local sum = 0
  for i = 1, 9 do
    local d = tonumber(nine:sub(i, i))
    if i % 2 == 1 then
      d = d * 2
      if d > 9 then d = d - 9 end
    end
    sum = sum + d
  end
  local check = (10 - sum % 10) % 10
  return string.format("%04d%02d%02d-%03d%d", t.year, t.month, t.day, serial, check)
end

local create_template = '{"kind":"grant","permission_id":"' .. (os.getenv("BENCH_PERMISSION") or "") ..
  '","unit_ids":["' .. (os.getenv("BENCH_UNIT") or "") .. '"],"lifecare_title":"' ..
  (os.getenv("BENCH_TITLE") or "Undersköterska") ..
  '","subject":{"first_name":"Bänk","last_name":"Testsson","personal_number":"%s"},"comment":"make bench"}'
local password = os.getenv("BENCH_PASSWORD") or ""
local path = os.getenv("BENCH_PATH") or "/health/live"

function request()
  if scenario == "get" then
    return wrk.format("GET", path, auth)
  elseif scenario == "order" then
    return wrk.format("GET", "/api/v1/orders/" .. lines[math.random(#lines)], auth)
  elseif scenario == "create" then
    local n = counter * threads_total + thread_id
    counter = counter + 1
    return wrk.format("POST", "/api/v1/orders", json_auth, string.format(create_template, personal_number(n)))
  elseif scenario == "login" then
    counter = counter + 1
    local email = lines[(counter % #lines) + 1]
    return wrk.format("POST", "/api/v1/auth/login", json,
      '{"email":"' .. email .. '","password":"' .. password .. '"}')
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local f = io.open(os.getenv("BENCH_RESULTS"), "a")
  f:write(string.format("%s %d %d %d %d %d %d\n", os.getenv("BENCH_NAME") or scenario, summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(99), summary.errors.status, errors))
  f:close()
end
