#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL cluster for the store's contract tests and prints
#   DATABASE_URL=postgres://...
# on stdout, so CI can `eval "$(bash scripts/start-test-postgres.sh)"`. Everything else goes to
# stderr. Idempotent: a second run finds the running cluster and prints the same URL.
#
# Settings (environment): PGTEST_DIR (data dir, default /tmp/issuegraph-pgdata), PGTEST_PORT
# (default 55432), PGTEST_SOCKET_DIR (default /tmp). The cluster listens on 127.0.0.1 only.
set -euo pipefail

dir="${PGTEST_DIR:-/tmp/issuegraph-pgdata}"
port="${PGTEST_PORT:-55432}"
sock="${PGTEST_SOCKET_DIR:-/tmp}"
user="issuegraph"
password="issuegraph"
db="issuegraph_test"
url="postgres://${user}:${password}@127.0.0.1:${port}/${db}"

log() { printf '%s\n' "$*" >&2; }

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bin="$candidate"
done
if [ -z "$bin" ]; then
  if command -v initdb >/dev/null 2>&1; then
    bin="$(dirname "$(command -v initdb)")"
  else
    log "start-test-postgres: no PostgreSQL server found (apt-get install postgresql)"
    exit 1
  fi
fi

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

if [ ! -s "$dir/PG_VERSION" ]; then
  log "start-test-postgres: initdb in $dir"
  mkdir -p "$dir"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$dir"
  chmod 700 "$dir"
  as_owner "'$bin/initdb' -D '$dir' --auth-local=trust --auth-host=scram-sha-256 -U postgres >/dev/null"
fi

if ! as_owner "'$bin/pg_ctl' -D '$dir' status >/dev/null 2>&1"; then
  log "start-test-postgres: starting on 127.0.0.1:$port"
  as_owner "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -w -t 60 \
    -o \"-p $port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null"
fi

psql_admin() { as_owner "'$bin/psql' -h '$sock' -p $port -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA -c \"$1\""; }

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != "1" ]; then
  psql_admin "CREATE ROLE $user LOGIN PASSWORD '$password'" >/dev/null
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
  psql_admin "CREATE DATABASE $db OWNER $user" >/dev/null
fi

log "start-test-postgres: ready ($url)"
printf 'DATABASE_URL=%s\n' "$url"
