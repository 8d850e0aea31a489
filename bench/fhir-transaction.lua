-- wrk script: POST a transaction Bundle (a new Patient and their massage referral, linked by urn:uuid) on every request.
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
  local family = string.format("Benchtx%02d%09d%09d", thread_number or 0, counter, math.random(1, 999999999))
  local body = '{"resourceType":"Bundle","type":"transaction","entry":['
    .. '{"fullUrl":"urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e","resource":{"resourceType":"Patient","name":[{"given":["Pat"],"family":"' .. family .. '"}],"gender":"male","birthDate":"1975-06-07"},"request":{"method":"POST","url":"Patient"}},'
    .. '{"fullUrl":"urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7","resource":{"resourceType":"ServiceRequest","status":"active","intent":"order",'
    .. '"subject":{"reference":"urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e"},'
    .. '"reasonCode":[{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"M54.50"}]}],'
    .. '"note":[{"text":"Chronic low back pain."}]},"request":{"method":"POST","url":"ServiceRequest"}}]}'
  -- wrk.format replaces wrk.headers (Host, and the -H headers: Authorization) when given a table: start from a copy.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/fhir+json"
  return wrk.format("POST", nil, headers, body)
end
