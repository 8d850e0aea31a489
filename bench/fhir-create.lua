-- wrk script: POST a new FHIR Patient on every request, each with its own name (Tactus refuses a likely duplicate).
-- Works for Tactus and the peer alike; extra headers (Authorization, X-Forwarded-Proto) come from the command line.
local counter = 0
local threads_made = 0
function setup(thread)
  -- Runs in wrk's main state; "thread_number" becomes a global of that thread's own state.
  thread:set("thread_number", threads_made)
  threads_made = threads_made + 1
end
function init(args)
  -- A new sequence per run and per thread: names must not repeat across the rounds of a bench.
  math.randomseed(os.time() * 100 + (thread_number or 0))
end
function request()
  counter = counter + 1
  local family = string.format("Bench%02d%09d%09d", thread_number or 0, counter, math.random(1, 999999999))
  local body = '{"resourceType":"Patient","name":[{"given":["Pat"],"family":"' .. family .. '"}],"gender":"female","birthDate":"1980-02-03"}'
  -- wrk.format replaces wrk.headers (Host, and the -H headers: Authorization) when given a table: start from a copy.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/fhir+json"
  return wrk.format("POST", nil, headers, body)
end
