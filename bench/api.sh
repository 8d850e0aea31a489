#!/usr/bin/env bash
# Tactus against its peer under wrk on 127.0.0.1, A/B alternating, medians of the rounds.
# Run by hand (never in the test suite); figures go to docs/performance.md.
#   bench/api.sh [sqlite|postgresql] [patients] [seconds per run] [rounds]
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

therapist=$(sign_in therapist@riverside.example)
manager=$(sign_in manager@riverside.example)
patient_id=$(curl -s -H "Cookie: $therapist" "http://127.0.0.1:$port/api/patients?pageSize=1" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)

source bench/wrk.sh

base="http://127.0.0.1:$port"
peer_base="http://127.0.0.1:$peer_port/fhir/R4"
echo "== $store, $patients patients, ${seconds}s x $rounds rounds, A/B alternating"
echo "| workload | conns | Tactus req/s | Tactus p99 | peer req/s | peer p99 | ratio |"
echo "|---|---|---|---|---|---|---|"
run "audited patient read" 16 -H "Cookie: $therapist" "$base/api/patients/$patient_id" "|||" "$peer_base/Patient/$peer_id"
run "signed in, no patient data (/api/instruments)" 16 -H "Cookie: $manager" "$base/api/instruments"
run "Kestrel /health/live" 16 "$base/health/live"
run "patient search ?name=smi" 16 -H "Cookie: $manager" "$base/api/patients?name=smi" "|||" "$peer_base/Patient?name=smi&_count=20"
run "referrals work-list" 64 -H "Cookie: $manager" "$base/api/referrals"
run "patient create" 16 -s bench/create-patient.lua -H "Cookie: $manager" "$base/api/patients" "|||" -s bench/create-patient-fhir.lua "$peer_base/Patient"

echo "== audit after the run"
dotnet "$app" audit verify | tail -n 1
