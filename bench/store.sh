# Sourced by the bench scripts: a throwaway data folder and store for "$store" (sqlite or postgresql), cleaned up on exit.
# PostgreSQL runs with durable settings (fsync on), as a deployment would; shared_buffers sized for a 100k-1M clinic.
work=$(mktemp -d /tmp/tactus-bench.XXXXXX)
chmod 755 "$work"
server="" peer="" pg_stop=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -n "$peer" ] && kill "$peer" 2>/dev/null || true
  [ -n "$pg_stop" ] && eval "$pg_stop" || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$store" = postgresql ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_port=$(shuf -i 20000-59999 -n 1)
  run_pg() { "$@"; }
  if [ "$(id -u)" -eq 0 ]; then
    id tactus-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin tactus-pg
    chown tactus-pg "$work"
    run_pg() { runuser -u tactus-pg -- "$@"; }
  fi
  run_pg "$pg_bin/initdb" -D "$work/pg" -U tactus -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-h 127.0.0.1 -p $pg_port -k $work -c max_connections=200 -c shared_buffers=1GB" start >/dev/null
  pg_stop="run_pg $pg_bin/pg_ctl -D $work/pg -m fast stop >/dev/null"
  export Database__Provider=postgresql
  export ConnectionStrings__Tactus="Host=127.0.0.1;Port=$pg_port;Username=tactus;Database=postgres;Maximum Pool Size=100"
else
  export Database__Provider=sqlite
  export ConnectionStrings__Tactus="Data Source=$work/tactus.db"
fi
export ASPNETCORE_ENVIRONMENT=Production Demo__Seed=true Logging__LogLevel__Default=Warning
export Audit__CheckpointKeyFile="$work/audit-checkpoint.key"


# Signs a demo account in on the Tactus under test ($port) and prints its session cookie; the jar stays in $work.
sign_in() { # email -> cookie header value
  local jar="$work/jar-$1" token
  token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/Account/Login" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=demo-clinic-pass-2026" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/Account/Login"
  awk '$6=="tactus.session"{print "tactus.session=" $7}' "$jar"
}
