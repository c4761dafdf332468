-- wrk script for bench/run.py: counts 5xx and other non-200 answers across all threads and
-- prints one JSON line the runner reads ("BENCH {...}").
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  server_errors = 0
  other_statuses = 0
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status ~= 200 then
    other_statuses = other_statuses + 1
  end
end

function done(summary, latency, requests)
  local s5, other = 0, 0
  for _, thread in ipairs(threads) do
    s5 = s5 + thread:get("server_errors")
    other = other + thread:get("other_statuses")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "status_5xx": %d, "status_other": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, s5, other,
    e.connect + e.read + e.write + e.timeout))
end
