#!/usr/bin/env bash
# FHIR Bulk Data export of a generated clinic (issue 12 §4): resources per second from kick-off to manifest, and the
# server's resident memory sampled every half second while it exports (it should stay flat: parts of 1,000 lines).
# For scale, the same rows' plain read by the store's own client (sqlite3 or psql) is timed beside it.
#   bench/bulk-export.sh [sqlite|postgresql] [patients]
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-sqlite}
patients=${2:-100000}
port=5098

source bench/store.sh

echo "== building (Release)"
dotnet build src/Tactus.Web -c Release -v quiet -nologo >/dev/null
app=src/Tactus.Web/bin/Release/net10.0/Tactus.Web.dll

echo "== generating $patients patients ($store)"
dotnet "$app" generate --patients "$patients" --seed 42 | tail -n 1

dotnet "$app" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done

base="http://127.0.0.1:$port"
token=$(python3 bench/backend-token.py "$base" admin@riverside.example "system/*.rs")
auth=(-H "Authorization: Bearer $token" -H "X-Forwarded-Proto: https")

export_types() {
  local types=$1
  local started status manifest rss_max=0 rss_min=0 rss
  started=$(date +%s.%N)
  status=$(curl -s -D - -o /dev/null "${auth[@]}" -H "Prefer: respond-async" -H "Accept: application/fhir+json" "$base/fhir/\$export?_type=$types" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="content-location" {print $2}')
  [ -n "$status" ] || { echo "kick-off refused"; exit 1; }
  status=${status/https:/http:}
  while :; do
    rss=$(awk '/VmRSS/ {print $2}' /proc/$server/status)
    [ "$rss_min" -eq 0 ] || [ "$rss" -lt "$rss_min" ] && rss_min=$rss
    [ "$rss" -gt "$rss_max" ] && rss_max=$rss
    code=$(curl -s -o "$work/manifest.json" -w '%{http_code}' "${auth[@]}" "$status")
    [ "$code" = 200 ] && break
    [ "$code" = 202 ] || { echo "status $code: $(cat "$work/manifest.json")"; exit 1; }
    sleep 0.5
  done
  local finished count
  finished=$(date +%s.%N)
  count=$(python3 -c 'import json,sys; print(sum(o["count"] for o in json.load(open(sys.argv[1]))["output"]))' "$work/manifest.json")
  # The download: every file, streamed from the database.
  local download_started download_bytes=0
  download_started=$(date +%s.%N)
  for url in $(python3 -c 'import json,sys; [print(o["url"]) for o in json.load(open(sys.argv[1]))["output"]]' "$work/manifest.json"); do
    bytes=$(curl -s "${auth[@]}" -o /dev/null -w '%{size_download}' "${url/https:/http:}")
    download_bytes=$((download_bytes + bytes))
  done
  local download_finished
  download_finished=$(date +%s.%N)
  python3 - "$types" "$count" "$started" "$finished" "$rss_min" "$rss_max" "$download_bytes" "$download_started" "$download_finished" <<'PY'
import sys
types, count, started, finished, rss_min, rss_max, size, d0, d1 = sys.argv[1:]
seconds = float(finished) - float(started)
print(f"| {types} | {int(count):,} | {seconds:.1f} s | {int(count) / seconds:,.0f} | {int(rss_min) / 1024:,.0f}–{int(rss_max) / 1024:,.0f} MiB "
      f"| {int(size) / 1048576:,.0f} MiB in {float(d1) - float(d0):.1f} s |")
PY
}

echo "== $store, $patients patients"
echo "| types | resources | export time | resources/s | server RSS while exporting | download |"
echo "|---|---|---|---|---|---|"
export_types Patient
export_types Patient,Condition,ServiceRequest,Encounter,Procedure,Observation

echo "== the same patients read by the store's own client (a floor, no FHIR mapping, no scoping, no audit)"
if [ "$store" = sqlite ]; then
  /usr/bin/time -f "plain SELECT of every patient row: %e s" sqlite3 "$work/tactus.db" "SELECT * FROM Patients" >/dev/null
else
  /usr/bin/time -f "plain SELECT of every patient row: %e s" psql "host=127.0.0.1 port=$pg_port user=tactus dbname=postgres" -c 'SELECT * FROM "Patients"' >/dev/null
fi

echo "== audit after the run"
dotnet "$app" audit verify | tail -n 1
