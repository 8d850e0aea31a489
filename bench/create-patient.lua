-- wrk script: POST a new patient (Tactus API shape) on every request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"confirmNotDuplicate":true,"givenName":"Bench","familyName":"Created","birthDate":"1980-02-03"}'
