-- wrk script for bench/run-http.sh: GET /api/search?q=<query>, cycling
-- through the URL-encoded queries of the file in WRK_QUERIES (one a line),
-- each thread from a different starting point.
-- With WRK_PATH set, every request is GET WRK_PATH instead (/healthz).
local queries = {}
local counter = 0
local fixed = os.getenv("WRK_PATH")
if fixed == "" then fixed = nil end
local path = os.getenv("WRK_QUERIES")
if not fixed then
  for line in io.lines(path) do
    if #line > 0 then queries[#queries + 1] = line end
  end
end

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

local i = 0
function request()
  if fixed then return wrk.format("GET", fixed) end
  i = i + 1
  local q = queries[((i + (offset or 0)) % #queries) + 1]
  return wrk.format("GET", "/api/search?q=" .. q)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50=%.2f p90=%.2f p99=%.2f max=%.2f errors=%d non2xx=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests))
end
