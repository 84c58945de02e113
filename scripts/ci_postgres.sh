#!/usr/bin/env bash
# A throwaway Postgres on 127.0.0.1 for the daemon end-to-end test (and for trying the team
# setup on one machine). Idempotent: installs Debian's postgresql if missing, initialises a data
# dir under $GHTALENT_PG_DIR (default /tmp/ghtalent-pg) owned by the postgres user, starts the
# server (port 5432, or the next free one), creates role and database `ghtalent` (password
# `ghtalent`, CREATEDB so tests can make scratch databases).
# Prints the connection URL as the only line on stdout (also saved in $GHTALENT_PG_DIR/url);
# progress goes to stderr; the server log is $GHTALENT_PG_DIR/run/server.log.
# Stop it with: runuser -u postgres -- pg_ctl -D /tmp/ghtalent-pg/data stop
set -euo pipefail
exec 3>&1 1>&2

PGROOT=${GHTALENT_PG_DIR:-/tmp/ghtalent-pg}
PORT=${GHTALENT_PG_PORT:-5432}
ROLE=${GHTALENT_PG_ROLE:-ghtalent}
PASSWORD=${GHTALENT_PG_PASSWORD:-ghtalent}
DB=${GHTALENT_PG_DB:-ghtalent}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ci_postgres: postgresql is not installed and this is not root; run: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "ci_postgres: installing Debian's postgresql"
  apt-get update -qq 3>&-
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null 3>&-
fi
BIN=$(pg_bin)

# The server refuses to run as root: as root, run it as the postgres user.
# fd 3 is the caller's stdout (often a `$(...)` pipe): no child may keep it open, or the server,
# which outlives this script, would hold the caller's command substitution open forever.
if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@" 3>&-; }
  OWNER=postgres
else
  as_pg() { "$@" 3>&-; }
  OWNER=$(id -un)
fi

DATA=$PGROOT/data
SOCK=$PGROOT/run
mkdir -p "$PGROOT" "$SOCK"
chown "$OWNER" "$SOCK"
chmod 755 "$PGROOT"

if [ ! -s "$DATA/PG_VERSION" ]; then
  echo "ci_postgres: initialising $DATA"
  mkdir -p "$DATA"
  chown "$OWNER" "$DATA"
  chmod 700 "$DATA"
  as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --no-instructions >/dev/null
fi

port_in_use() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  PORT=$(sed -n 4p "$DATA/postmaster.pid")
  echo "ci_postgres: already running on 127.0.0.1:$PORT"
else
  while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
  echo "ci_postgres: starting on 127.0.0.1:$PORT"
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$SOCK/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCK" start >/dev/null
fi

psql_su() { as_pg "$BIN/psql" -h "$SOCK" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }
if [ "$(psql_su "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  psql_su "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'"
fi
if [ "$(psql_su "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  psql_su "CREATE DATABASE $DB OWNER $ROLE"
fi

URL="postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
echo "$URL" >"$PGROOT/url"
echo "ci_postgres: ready at $URL"
echo "$URL" >&3
