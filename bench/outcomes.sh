#!/usr/bin/env bash
# Issue 14's figures on a generated clinic: the programme outcomes (/Outcomes as CSV, every condition and instrument)
# against ONE hand-written SQL query computing the same figures on the same server, and the de-identified research
# export (the whole clinic, every field group) with the server's peak memory before and after it.
# Run by hand (never in the test suite); figures go to docs/performance.md.
#   bench/outcomes.sh [postgresql|sqlite] [patients, default 200000 = about 1 M visits] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-postgresql}
patients=${2:-200000}
rounds=${3:-3}
port=5098
source bench/store.sh

echo "== building (Release)"
dotnet build src/Tactus.Web -c Release -v quiet -nologo >/dev/null
app=src/Tactus.Web/bin/Release/net10.0/Tactus.Web.dll

echo "== generating $patients patients ($store)"
dotnet "$app" generate --patients "$patients" --seed 42 | tail -n 1

sql() { # one statement, tuples only
  if [ "$store" = postgresql ]; then run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U tactus -d postgres -Atq -c "$1"
  else sqlite3 "$work/tactus.db" "$1"; fi
}
today=$(date -u +%F)
# A day either side: the clinic's own day (its time zone) may still be yesterday or already tomorrow in UTC.
yesterday=$(date -u -d "-1 day" +%F); tomorrow=$(date -u -d "+1 day" +%F)
sql "INSERT INTO \"ResearchProtocols\" (\"Id\",\"OrganizationId\",\"Title\",\"Approver\",\"ApprovedOn\",\"StartsOn\",\"EndsOn\",\"ResearcherId\",\"FieldsAllowed\",\"RecordedById\",\"RecordedAt\")
     SELECT $( [ "$store" = postgresql ] && echo "gen_random_uuid()" || echo "upper(hex(randomblob(16)))" ), o.\"Id\", 'Benchmark', 'Benchmark IRB', '$today', '$yesterday', '$tomorrow', u.\"Id\",
            '[\"demographics\",\"episodes\",\"diagnoses\",\"sessions\",\"scores\"]', u.\"Id\", $( [ "$store" = postgresql ] && echo "now()" || echo "0" )
     FROM \"Organizations\" o JOIN \"AspNetUsers\" u ON u.\"OrganizationId\" = o.\"Id\" AND u.\"NormalizedEmail\" = 'RESEARCHER@RIVERSIDE.EXAMPLE'
     WHERE o.\"Slug\" = 'riverside'"

dotnet "$app" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done

manager=$(sign_in manager@riverside.example)
researcher=$(sign_in researcher@riverside.example)

# The hand-written query: every protocol-library condition (its ICD-10 prefixes from protocols.json), its funnel, its
# signed visits by worst adverse event with the within-visit pain and stress sums, and per instrument the first-to-last change (n, sums, sums of squares, responders
# are left to the page: they need each instrument's MCID).
conditions=$(python3 -c "
import json; p = json.load(open('src/Tactus.Web/Reference/Clinical/protocols.json'))['protocols']
print(','.join(\"('%s','%s')\" % (x['id'], c.upper()) for x in p for c in x['icd10Prefixes']))")
hand="WITH cond(condition, prefix) AS (VALUES $conditions),
ep AS (SELECT DISTINCT c.condition, r.\"Id\", r.\"PatientId\", r.\"CreatedAt\", r.\"Status\" FROM \"Referrals\" r
       JOIN \"ReferralDiagnosis\" d ON d.\"ReferralId\" = r.\"Id\" JOIN cond c ON d.\"Code\" LIKE c.prefix || '%' WHERE r.\"Status\" <> 'Draft'),
funnel AS (SELECT ep.condition, ep.\"Status\", count(*) AS n,
       sum(CASE WHEN EXISTS (SELECT 1 FROM \"TreatmentSessions\" s WHERE s.\"ReferralId\" = ep.\"Id\") THEN 1 ELSE 0 END) AS started
       FROM ep GROUP BY ep.condition, ep.\"Status\"),
visits AS (SELECT ep.condition, s.\"WorstAdverseEvent\" AS worst, count(*) AS n,
       count(s.\"PainAfter\") AS pn, sum(s.\"PainAfter\" - s.\"PainBefore\") AS ps, sum((s.\"PainAfter\" - s.\"PainBefore\") * (s.\"PainAfter\" - s.\"PainBefore\")) AS pss,
       sum(CASE WHEN s.\"PainAfter\" IS NOT NULL THEN s.\"PainBefore\" END) AS pb, sum(CASE WHEN s.\"PainAfter\" IS NOT NULL THEN s.\"PainBefore\" * s.\"PainBefore\" END) AS pbb,
       count(s.\"StressAfter\") AS sn, sum(s.\"StressAfter\" - s.\"StressBefore\") AS ss_, sum((s.\"StressAfter\" - s.\"StressBefore\") * (s.\"StressAfter\" - s.\"StressBefore\")) AS sss,
       sum(CASE WHEN s.\"StressAfter\" IS NOT NULL THEN s.\"StressBefore\" END) AS sb, sum(CASE WHEN s.\"StressAfter\" IS NOT NULL THEN s.\"StressBefore\" * s.\"StressBefore\" END) AS sbb FROM ep
       JOIN \"TreatmentSessions\" s ON s.\"ReferralId\" = ep.\"Id\" AND s.\"Status\" = 'Signed' GROUP BY ep.condition, s.\"WorstAdverseEvent\"),
spans AS (SELECT ep.condition, ep.\"Id\", ep.\"PatientId\", m.\"Instrument\", min(m.\"CompletedAt\") AS f, max(m.\"CompletedAt\") AS l, count(*) AS n
       FROM ep JOIN \"MeasureResponses\" m ON m.\"PatientId\" = ep.\"PatientId\" AND m.\"Total\" IS NOT NULL AND m.\"CompletedAt\" >= ep.\"CreatedAt\"
       GROUP BY ep.condition, ep.\"Id\", ep.\"PatientId\", m.\"Instrument\"),
change AS (SELECT spans.condition, spans.\"Instrument\", spans.n > 1 AS followed, count(*) AS n, sum(l.\"Total\" - b.\"Total\") AS s,
       sum((l.\"Total\" - b.\"Total\") * (l.\"Total\" - b.\"Total\")) AS ss, sum(b.\"Total\") AS sb, sum(b.\"Total\" * b.\"Total\") AS ssb
       FROM spans JOIN \"MeasureResponses\" b ON b.\"PatientId\" = spans.\"PatientId\" AND b.\"Instrument\" = spans.\"Instrument\" AND b.\"CompletedAt\" = spans.f
       JOIN \"MeasureResponses\" l ON l.\"PatientId\" = spans.\"PatientId\" AND l.\"Instrument\" = spans.\"Instrument\" AND l.\"CompletedAt\" = spans.l
       GROUP BY spans.condition, spans.\"Instrument\", spans.n > 1)
SELECT (SELECT count(*) FROM funnel), (SELECT count(*) FROM visits), (SELECT count(*) FROM change)"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "== programme outcomes: /Outcomes CSV vs one hand-written SQL query ($rounds rounds, alternating)"
curl -s -o /dev/null -H "Cookie: $manager" "http://127.0.0.1:$port/Outcomes?handler=Csv" # warm-up: plans, JIT
: >"$work/page" ; : >"$work/sql"
for _ in $(seq "$rounds"); do
  curl -s -o "$work/outcomes.csv" -w "%{time_total}\n" -H "Cookie: $manager" "http://127.0.0.1:$port/Outcomes?handler=Csv" >>"$work/page"
  start=$(date +%s.%N); sql "$hand" >/dev/null; end=$(date +%s.%N)
  echo "$end - $start" | bc -l >>"$work/sql"
done
page=$(median <"$work/page"); hand_sql=$(median <"$work/sql")
echo "page (CSV) median ${page} s; hand-written SQL median ${hand_sql} s; ratio $(echo "$page / $hand_sql" | bc -l | cut -c1-5)"
head -n 2 "$work/outcomes.csv" | cut -c1-200

if [ "$store" = postgresql ]; then
  # The value report for one condition and instrument: per episode of each arm, visits, fee-schedule charges, health-care
  # use in the 180-day window, and the first and last NPRS score; the page adds 2,000 bootstrap resamples in memory.
  lbp=$(python3 -c "
import json; p = json.load(open('src/Tactus.Web/Reference/Clinical/protocols.json'))['protocols']
print(' OR '.join(\"d.\\\"Code\\\" LIKE '%s%%'\" % c.upper() for x in p if x['id'] == 'chronic-low-back-pain' for c in x['icd10Prefixes']))")
  value="WITH ep AS (SELECT r.\"Id\", r.\"PatientId\", r.\"CreatedAt\", r.\"ReferredOn\",
         EXISTS (SELECT 1 FROM \"TreatmentSessions\" s WHERE s.\"ReferralId\" = r.\"Id\") AS started FROM \"Referrals\" r
         WHERE r.\"Status\" <> 'Draft' AND EXISTS (SELECT 1 FROM \"ReferralDiagnosis\" d WHERE d.\"ReferralId\" = r.\"Id\" AND ($lbp))),
  spans AS (SELECT ep.\"Id\", ep.\"PatientId\", ep.\"ReferredOn\", ep.started, min(m.\"CompletedAt\") AS f, max(m.\"CompletedAt\") AS l FROM ep
         JOIN \"MeasureResponses\" m ON m.\"PatientId\" = ep.\"PatientId\" AND m.\"Instrument\" = 'NPRS' AND m.\"Total\" IS NOT NULL AND m.\"CompletedAt\" >= ep.\"CreatedAt\"
         GROUP BY ep.\"Id\", ep.\"PatientId\", ep.\"ReferredOn\", ep.started HAVING count(*) >= 2)
  SELECT spans.started, (SELECT count(*) FROM \"TreatmentSessions\" s WHERE s.\"ReferralId\" = spans.\"Id\" AND s.\"Status\" = 'Signed'),
         (SELECT coalesce(sum(v.\"ChargeTotal\"), 0) FROM \"VisitCodings\" v WHERE v.\"ReferralId\" = spans.\"Id\"),
         (SELECT coalesce(sum(e.\"Cost\"), 0) FROM \"UtilisationEvents\" e WHERE e.\"PatientId\" = spans.\"PatientId\" AND e.\"OccurredOn\" >= spans.\"ReferredOn\" AND e.\"OccurredOn\" < spans.\"ReferredOn\" + 180),
         b.\"Total\", l.\"Total\"
  FROM spans JOIN \"MeasureResponses\" b ON b.\"PatientId\" = spans.\"PatientId\" AND b.\"Instrument\" = 'NPRS' AND b.\"CompletedAt\" = spans.f
  JOIN \"MeasureResponses\" l ON l.\"PatientId\" = spans.\"PatientId\" AND l.\"Instrument\" = 'NPRS' AND l.\"CompletedAt\" = spans.l"
  url="http://127.0.0.1:$port/Outcomes/Value?Condition=chronic-low-back-pain&Instrument=NPRS&Against=NotStarted&Measure=Points&WillingnessToPay=100"
  # The value page against the hand-written query, alternating, medians of $rounds rounds (with a warm-up first).
  time_value() {
    echo "== $1 ($rounds rounds)"
    curl -s -o /dev/null -H "Cookie: $manager" "$url"
    : >"$work/vpage" ; : >"$work/vsql"
    for _ in $(seq "$rounds"); do
      curl -s -o "$work/value.html" -w "%{time_total}\n" -H "Cookie: $manager" "$url" >>"$work/vpage"
      start=$(date +%s.%N); sql "$value" >"$work/value.rows"; end=$(date +%s.%N)
      echo "$end - $start" | bc -l >>"$work/vsql"
    done
    vpage=$(median <"$work/vpage"); vsql=$(median <"$work/vsql")
    echo "value page median ${vpage} s; hand-written SQL median ${vsql} s (rows: $(wc -l <"$work/value.rows")); ratio $(echo "$vpage / $vsql" | bc -l | cut -c1-5)"
    grep -o '<th scope="row">[^<]*</th><td>[0-9]*</td>' "$work/value.html" | head -n 2
  }
  time_value "programme value (low back pain, NPRS): /Outcomes/Value vs the hand-written per-episode query"
fi

echo "== de-identified export (whole clinic, every field group)"
protocol=$(sql "SELECT \"Id\" FROM \"ResearchProtocols\" WHERE \"Title\" = 'Benchmark'")
jar="$work/jar-researcher@riverside.example"
token=$(curl -s -b "$jar" -c "$jar" "http://127.0.0.1:$port/Research/Export" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
before=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
curl -s -b "$jar" -c "$jar" -o "$work/export.zip" -w "export: %{http_code}, %{size_download} bytes in %{time_total} s\n" \
  --data-urlencode "protocolId=${protocol,,}" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/Research/Export"
after=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
echo "server peak memory (VmHWM): ${before} KB before the export, ${after} KB after"
(cd "$work" && python3 -c "
import zipfile; z = zipfile.ZipFile('export.zip')
for i in z.infolist(): print('  %-20s %12d bytes, %10d rows' % (i.filename, i.file_size, sum(1 for _ in z.open(i)) - 1))")

if [ "$store" = postgresql ]; then
  # The generated clinic has no referred patient who never started, so the value report above had no comparison arm and
  # ran no bootstrap. Here 50,000 low-back-pain referrals are copied as accepted and never started (same patient, same
  # day, same diagnoses: their scores after the referral make a usual-care arm), and the value report is timed again
  # with both arms and its 2,000 bootstrap resamples, against the same hand-written per-episode query.
  sql "CREATE TEMP TABLE copied AS
         SELECT r.\"Id\" AS old, gen_random_uuid() AS new FROM \"Referrals\" r
         WHERE EXISTS (SELECT 1 FROM \"ReferralDiagnosis\" d WHERE d.\"ReferralId\" = r.\"Id\" AND ($lbp)) ORDER BY r.\"Id\" LIMIT 50000;
       INSERT INTO \"Referrals\" SELECT (jsonb_populate_record(NULL::\"Referrals\", to_jsonb(r) || jsonb_build_object('Id', c.new, 'Status', 'Accepted'))).*
         FROM \"Referrals\" r JOIN copied c ON c.old = r.\"Id\";
       INSERT INTO \"ReferralDiagnosis\" SELECT (jsonb_populate_record(NULL::\"ReferralDiagnosis\", to_jsonb(d) || jsonb_build_object('ReferralId', c.new, 'Id', gen_random_uuid()))).*
         FROM \"ReferralDiagnosis\" d JOIN copied c ON c.old = d.\"ReferralId\";
       ANALYZE \"Referrals\"; ANALYZE \"ReferralDiagnosis\";"
  time_value "programme value with a usual-care arm (50,000 copied never-started referrals; the bootstrap runs)"
fi
