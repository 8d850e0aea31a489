#!/usr/bin/env bash
# Adds a migration with the same name to both stores (SQLite and PostgreSQL), as every model
# change must (a test fails when either provider has pending model changes).
#   scripts/new-migration.sh AddReferrals
# Squashing into a new Initial? The append-only audit triggers at the end of each Initial are hand-written: carry them over.
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Tactus.Web -v quiet -nologo
for store in Sqlite PostgreSql; do
  dotnet ef migrations add "$name" --no-build --project src/Tactus.Web \
    --context "${store}TactusDbContext" --output-dir "Data/Migrations/$store"
done
