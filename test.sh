#!/usr/bin/env bash
# Runs every Tactus test: installs what the tests need and is missing (Debian's chromium for the
# browser tests, PostgreSQL server binaries, npm for the third-party SMART client), starts a throwaway PostgreSQL on 127.0.0.1 in a
# temporary folder, runs the whole suite on SQLite and PostgreSQL, stops PostgreSQL and ends with
#   tests: N passed, N failed
# Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '==> %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root apt-get update -qq >/dev/null || { log "apt-get update failed"; return 1; }
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian chromium for the browser tests"
  apt_install chromium fonts-liberation || { log "could not install chromium"; exit 1; }
fi
if [ -z "$(pg_bindir)" ] || [ ! -x "$(pg_bindir)/initdb" ]; then
  log "installing PostgreSQL server binaries"
  apt_install postgresql || { log "could not install postgresql"; exit 1; }
fi
PG_BIN=$(pg_bindir)
if ! command -v npm >/dev/null; then
  log "installing Node.js and npm (the SMART client the browser tests drive comes from npm)"
  apt_install nodejs npm || { log "could not install npm"; exit 1; }
fi
log "fetching fhirclient for the SMART app test"
tests/Tactus.BrowserTests/SmartApp/fetch-fhirclient.sh || { log "could not fetch fhirclient from npm"; echo "tests: 0 passed, 1 failed"; exit 1; }

# PostgreSQL refuses to run as root: run it as an unprivileged account.
PG_DIR=$(mktemp -d /tmp/tactus-pg.XXXXXX)
PG_PORT=$(shuf -i 20000-59999 -n 1)
run_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  id tactus-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin tactus-pg
  chown tactus-pg "$PG_DIR"
  run_pg() { runuser -u tactus-pg -- "$@"; }
fi

stop_pg() { run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1; rm -rf "$PG_DIR"; }
trap stop_pg EXIT

log "starting a throwaway PostgreSQL on 127.0.0.1:$PG_PORT"
run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U tactus -A trust -E UTF8 --locale=C.UTF-8 -k >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log"; log "initdb failed"; exit 1; }
run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$PG_DIR/postgres.log"; log "PostgreSQL did not start"; exit 1; }
export TACTUS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=tactus;Database=postgres;Pooling=true;Maximum Pool Size=40"

log "building"
dotnet build Tactus.slnx -nologo -v quiet 2>&1 | tail -n 20
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  log "the build failed"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

log "running the tests"
OUT="$PG_DIR/test-output.log"
dotnet test --solution Tactus.slnx --no-build 2>&1 | tee "$OUT"
status=${PIPESTATUS[0]}

# The platform prints one summary per run: "succeeded: N" and "failed: N".
passed=$(grep -E '^\s+succeeded: [0-9]+' "$OUT" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$OUT" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
  failed=1 # a test host crashed or no test ran: never report success
fi
if [ "${passed:-0}" -eq 0 ]; then
  failed=$(( ${failed:-0} > 0 ? failed : 1 ))
fi
# Repeat each failed test's name and first lines of its message just above the closing line, so
# the end of a long log says what failed.
if [ "${failed:-0}" -ne 0 ]; then
  log "failed tests:"
  awk '/^[[:space:]]*failed [^:]/ { n = 12 } n > 0 { print; n-- }' "$OUT" | head -n 120 >&2
fi
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
