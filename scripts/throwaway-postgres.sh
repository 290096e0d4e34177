#!/usr/bin/env bash
# Throwaway PostgreSQL 15 server for tests (used by .ci/run).
#
#   scripts/throwaway-postgres.sh start   # prints ONLY the connection URL on stdout
#   scripts/throwaway-postgres.sh stop    # stops the server and removes its directory
#
# The server lives in a fresh temp dir, listens on a free port on 127.0.0.1 only, trusts all
# local connections and runs with fsync off: it is for tests, never for data you want to keep.
# `start` writes the data dir path to $PG_STATE_FILE (default /tmp/buurtcoop-pg-state); `stop`
# reads it. All logging goes to stderr.
#
# Environment:
#   PG_STATE_FILE  state file (default /tmp/buurtcoop-pg-state)
#   PG_BIN         PostgreSQL bin dir (default /usr/lib/postgresql/15/bin)
#   PG_DB_NAME     database to create (default buurtcoop_test)
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_STATE_FILE="${PG_STATE_FILE:-/tmp/buurtcoop-pg-state}"
PG_DB_NAME="${PG_DB_NAME:-buurtcoop_test}"
PG_OS_USER=postgres

log() { printf '[throwaway-postgres] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Runs a command as the postgres OS user when we are root (initdb/postgres refuse to run as root),
# otherwise directly as the current user. Runs from / so an unreadable cwd does not matter; all
# output goes to stderr.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@") >&2
  else
    (cd / && "$@") >&2
  fi
}

check_binaries() {
  local b
  for b in initdb pg_ctl pg_isready createdb; do
    if [ ! -x "$PG_BIN/$b" ]; then
      die "PostgreSQL 15 binary '$b' not found in $PG_BIN. Install it with: apt-get install -y postgresql-15 (or set PG_BIN)."
    fi
  done
  if [ "$(id -u)" -eq 0 ]; then
    command -v runuser >/dev/null 2>&1 || die "running as root but 'runuser' is not available (util-linux)."
    id -u "$PG_OS_USER" >/dev/null 2>&1 || die "running as root but OS user '$PG_OS_USER' does not exist (it is created by apt-get install -y postgresql-15)."
  fi
}

free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1]);s.close()"
  else
    die "need node or python3 to pick a free port"
  fi
}

cmd_start() {
  check_binaries

  if [ -s "$PG_STATE_FILE" ]; then
    log "warning: state file $PG_STATE_FILE already exists (points at $(head -n1 "$PG_STATE_FILE")); overwriting it. Run 'stop' first to clean that server up."
  fi

  local base datadir sockdir logfile port url attempt started=0
  base="$(mktemp -d "${TMPDIR:-/tmp}/buurtcoop-pg.XXXXXX")"
  datadir="$base/data"
  sockdir="$base/sock"
  logfile="$base/postgres.log"

  # On any failure below: stop whatever we started and remove the temp dir.
  # shellcheck disable=SC2064
  trap "rc=\$?; if [ \$rc -ne 0 ]; then
          log 'start failed; server log follows (if any):'
          [ -f '$logfile' ] && tail -n 50 '$logfile' >&2 || true
          [ -f '$datadir/postmaster.pid' ] && as_pg '$PG_BIN/pg_ctl' -D '$datadir' stop -m immediate >/dev/null 2>&1 || true
          rm -rf '$base'
        fi" EXIT

  mkdir -p "$sockdir"
  touch "$logfile"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R "$PG_OS_USER:" "$base"
  fi
  chmod 700 "$base"

  log "initdb in $datadir"
  as_pg "$PG_BIN/initdb" -D "$datadir" -A trust -U postgres --encoding=UTF8 --locale=C --no-sync

  # Picking a free port is racy (someone may grab it between the probe and pg_ctl), so retry.
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    log "starting postgres on 127.0.0.1:$port (attempt $attempt)"
    if as_pg "$PG_BIN/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 \
         -o "-p $port -k $sockdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start; then
      started=1
      break
    fi
    log "pg_ctl start failed on port $port"
    tail -n 20 "$logfile" >&2 || true
    as_pg "$PG_BIN/pg_ctl" -D "$datadir" stop -m immediate >/dev/null 2>&1 || true
  done
  [ "$started" -eq 1 ] || die "could not start PostgreSQL (see log above)"

  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 30 || die "server started but is not accepting connections on 127.0.0.1:$port"

  log "creating database $PG_DB_NAME"
  # trust auth over TCP, so this works as any OS user.
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$PG_DB_NAME" >&2

  printf '%s\n' "$datadir" > "$PG_STATE_FILE"

  trap - EXIT
  url="postgres://postgres@127.0.0.1:$port/$PG_DB_NAME"
  log "ready: $url (data dir $datadir, log $logfile)"
  printf '%s\n' "$url"
}

cmd_stop() {
  if [ ! -s "$PG_STATE_FILE" ]; then
    log "no state file at $PG_STATE_FILE; nothing to stop"
    rm -f "$PG_STATE_FILE"
    return 0
  fi
  local datadir base rc=0
  datadir="$(head -n1 "$PG_STATE_FILE")"
  base="$(dirname "$datadir")"

  if [ -f "$datadir/postmaster.pid" ]; then
    log "stopping postgres in $datadir"
    if ! as_pg "$PG_BIN/pg_ctl" -D "$datadir" stop -m fast -w -t 60; then
      log "fast stop failed; trying immediate"
      as_pg "$PG_BIN/pg_ctl" -D "$datadir" stop -m immediate -w -t 30 || rc=1
    fi
  else
    log "no running server in $datadir"
  fi

  # Only remove directories this script created.
  case "$(basename "$base")" in
    buurtcoop-pg.*) rm -rf "$base" ;;
    *) log "not removing $base: it does not look like a throwaway-postgres dir" ;;
  esac
  rm -f "$PG_STATE_FILE"
  return "$rc"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
