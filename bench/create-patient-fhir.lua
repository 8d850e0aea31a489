-- wrk script: POST a new FHIR Patient to the peer on every request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/fhir+json"
wrk.body = '{"resourceType":"Patient","name":[{"given":["Bench"],"family":"Created"}],"birthDate":"1980-02-03"}'
