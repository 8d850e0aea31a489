#!/usr/bin/env bash
# Load benchmark (the quick one; bench/api.sh runs every workload against the peer): audited patient reads over HTTP on 127.0.0.1 (wrk), SQLite store, Release build.
# Every request reads one patient record (plus its diagnoses and care team), and every read is
# written to the hash-chained audit log durably before the response: this measures the group commit.
#   bench/audited-reads.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-32}
port=5099
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }

work=$(mktemp -d /tmp/tactus-bench.XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build src/Tactus.Web -c Release -v quiet -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production Demo__Seed=true Logging__LogLevel__Default=Warning \
  ConnectionStrings__Tactus="Data Source=$work/tactus.db" Audit__CheckpointKeyFile="$work/audit-checkpoint.key" \
  dotnet src/Tactus.Web/bin/Release/net10.0/Tactus.Web.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done

jar="$work/cookies"
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/Account/Login" \
  | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null \
  --data-urlencode "Input.Email=manager@riverside.example" --data-urlencode "Input.Password=demo-clinic-pass-2026" \
  --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/Account/Login"
cookie=$(awk '$6=="tactus.session"{print "tactus.session=" $7}' "$jar")
id=$(curl -s -b "$jar" "http://127.0.0.1:$port/api/patients?pageSize=1" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
before=$(sqlite3 "$work/tactus.db" 'select count(*) from AuditEntries' 2>/dev/null || echo "?")

echo "GET /api/patients/$id for ${seconds}s with $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/api/patients/$id"

after=$(sqlite3 "$work/tactus.db" 'select count(*) from AuditEntries' 2>/dev/null || echo "?")
echo "audit entries written during the run: $(( after - before ))"
echo "requests answered: see wrk above; audit rows per request: patient, its diagnoses and care-team rows"
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Tactus="Data Source=$work/tactus.db" Audit__CheckpointKeyFile="$work/audit-checkpoint.key" \
  dotnet src/Tactus.Web/bin/Release/net10.0/Tactus.Web.dll audit verify 2>/dev/null | tail -1 || true
