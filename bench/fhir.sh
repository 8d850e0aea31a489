#!/usr/bin/env bash
# The FHIR interface against its peer under wrk on 127.0.0.1, A/B alternating, medians of the rounds (issue 12 §5):
# read, create, a transaction (Patient + ServiceRequest) and search Patient?family=, each Tactus request carrying a SMART
# bearer token got through the real authorisation-code flow (bench/smart-token.py). Run by hand; figures go to
# docs/performance.md.
#   bench/fhir.sh [sqlite|postgresql] [patients] [seconds per run] [rounds]
# Needs wrk (apt-get install wrk), node and npm (the peer), sqlite3 optional. PostgreSQL: a throwaway
# server is started as in test.sh. The peer is Medplum's @medplum/fhir-router over its in-memory
# repository (bench/peer), holding min(patients, 100000) patients.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-sqlite}
patients=${2:-100000}
seconds=${3:-10}
rounds=${4:-3}
port=5099
peer_port=8103
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }

source bench/store.sh

echo "== building (Release)"
dotnet build src/Tactus.Web -c Release -v quiet -nologo >/dev/null
app=src/Tactus.Web/bin/Release/net10.0/Tactus.Web.dll

echo "== generating $patients patients ($store)"
dotnet "$app" generate --patients "$patients" --seed 42 | tail -n 1

dotnet "$app" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done

echo "== starting the peer"
(cd bench/peer && [ -d node_modules ] || npm install --no-audit --no-fund --silent)
peer_patients=$(( patients < 100000 ? patients : 100000 ))
node bench/peer/server.mjs "$peer_port" "$peer_patients" >"$work/peer.log" 2>&1 &
peer=$!
for _ in $(seq 300); do grep -q "peer listening" "$work/peer.log" 2>/dev/null && break; sleep 1; done
peer_id=$(grep -o 'first [^ ]*' "$work/peer.log" | cut -d' ' -f2)

source bench/wrk.sh

base="http://127.0.0.1:$port"
peer_base="http://127.0.0.1:$peer_port/fhir/R4"
proxy=(-H "X-Forwarded-Proto: https") # Production behind a TLS proxy: loopback is a trusted proxy
manager_token=$(python3 bench/smart-token.py "$base" admin@riverside.example manager@riverside.example "user/Patient.cruds")
clinician_token=$(python3 bench/smart-token.py "$base" admin@riverside.example clinician@riverside.example "user/Patient.cruds user/ServiceRequest.cruds")
manager=(-H "Authorization: Bearer $manager_token" "${proxy[@]}")
clinician=(-H "Authorization: Bearer $clinician_token" "${proxy[@]}")
patient_id=$(curl -s "${manager[@]}" "$base/fhir/Patient?family=smi&_count=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["entry"][0]["resource"]["id"])')
[ -n "$patient_id" ] || { echo "no patient found through FHIR"; exit 1; }
curl -sf -o /dev/null "${manager[@]}" "$base/fhir/Patient/$patient_id" || { echo "bearer read failed"; exit 1; }

echo "== $store, $patients patients, ${seconds}s x $rounds rounds, A/B alternating"
echo "| workload | conns | Tactus req/s | Tactus p99 | peer req/s | peer p99 | ratio |"
echo "|---|---|---|---|---|---|---|"
run "FHIR read Patient/{id}" 16 "${manager[@]}" "$base/fhir/Patient/$patient_id" "|||" "$peer_base/Patient/$peer_id"
# The same read with four times the connections: each read waits for its audit entry's commit (group commit), so if the
# commit's latency rather than the processor bounds it, req/s grows with the connections.
run "FHIR read Patient/{id}" 64 "${manager[@]}" "$base/fhir/Patient/$patient_id" "|||" "$peer_base/Patient/$peer_id"
run "FHIR create Patient" 16 -s bench/fhir-create.lua "${manager[@]}" "$base/fhir/Patient" "|||" -s bench/fhir-create.lua "$peer_base/Patient"
run "FHIR transaction Patient + ServiceRequest" 16 -s bench/fhir-transaction.lua "${clinician[@]}" "$base/fhir" "|||" -s bench/fhir-transaction.lua "$peer_base/"

# Last: the peer's in-memory repository scans every patient for a search, and at 100,000 its single thread falls so far
# behind that it goes on working through queued searches after wrk stops, taking a core from whatever runs next.
run "FHIR search Patient?family=smi" 16 "${manager[@]}" "$base/fhir/Patient?family=smi&_count=20" "|||" "$peer_base/Patient?family=smi&_count=20"

echo "== audit after the run"
dotnet "$app" audit verify | tail -n 1
