#!/usr/bin/env bash
# How long `generate` takes to write a synthetic clinic (patients, referrals, plans, signed sessions and
# questionnaires) into a fresh store, and how large the store is afterwards. Run by hand; figures go to
# docs/performance.md.   bench/generate.sh sqlite|postgresql 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-sqlite}
patients=${2:-100000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
source bench/store.sh

echo "== building (Release)"
dotnet build src/Tactus.Web -c Release -v quiet -nologo >/dev/null
app=src/Tactus.Web/bin/Release/net10.0/Tactus.Web.dll

echo "== generating $patients patients ($store)"
/usr/bin/time -f "wall %e s, peak memory %M KB" dotnet "$app" generate --patients "$patients" --seed 42 2>&1 | tail -n 2
if [ "$store" = postgresql ]; then
  run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U tactus -d postgres -Atc "select 'database ' || pg_size_pretty(pg_database_size('postgres'))"
else
  du -h "$work/tactus.db" | awk '{print "database " $1}'
fi
echo "== audit verify"
/usr/bin/time -f "wall %e s, peak memory %M KB" dotnet "$app" audit verify 2>&1 | tail -n 2
