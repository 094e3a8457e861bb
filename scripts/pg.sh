#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests: under .local/pg in the checkout,
# listening on 127.0.0.1 only, on a free port, password-protected.
#   scripts/pg.sh start    start it (initialising it the first time); prints nothing else
#   scripts/pg.sh stop     stop it
#   scripts/pg.sh url      print its connection string (ConnectionStrings__CxPlus form)
#   scripts/pg.sh status   say whether it runs
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/.local/pg"
data="$dir/data"

find_bin() {
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v pg_ctl)")"; return; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  return 1
}

ensure_server() {
  if bin=$(find_bin); then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "PostgreSQL server binaries not found; installing Debian's postgresql package..." >&2
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    bin=$(find_bin) && return
  fi
  echo "PostgreSQL 15+ server binaries (initdb, pg_ctl) are missing. Install them, e.g. 'sudo apt-get install postgresql', or set ConnectionStrings__CxPlus to an existing server." >&2
  exit 1
}

# initdb and postgres refuse to run as root: run them as the postgres system user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for port in $(seq 54329 54429); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo "No free port in 54329..54429 on 127.0.0.1." >&2
  exit 1
}

running() { [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  ensure_server
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$dir"
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/password"
    chmod 600 "$dir/password"
    mkdir -p "$data"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$data" -U cxplus --pwfile="$dir/password" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  if running; then return; fi
  local port; port=$(free_port)
  # Tests may trade durability for speed (CXPLUS_PG_FAST=1); the dashboard's data keeps fsync.
  local durability="-c fsync=on"
  if [ "${CXPLUS_PG_FAST:-0}" = 1 ]; then durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  echo "$port" > "$dir/port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' $durability -c max_connections=200" start >/dev/null \
    || { tail -20 "$dir/server.log" >&2; exit 1; }
}

stop() {
  bin=$(find_bin) || return 0
  if running; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
}

url() {
  [ -f "$dir/port" ] || { echo "The local cluster was never started: run scripts/pg.sh start." >&2; exit 1; }
  echo "Host=127.0.0.1;Port=$(cat "$dir/port");Database=cxplus;Username=cxplus;Password=$(cat "$dir/password")"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  status) ensure_server; if running; then echo "running on 127.0.0.1:$(cat "$dir/port")"; else echo "stopped"; fi ;;
  *) echo "usage: scripts/pg.sh start|stop|url|status" >&2; exit 2 ;;
esac
