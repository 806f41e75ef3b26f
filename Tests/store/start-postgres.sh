#!/bin/sh
# Starts a throwaway PostgreSQL 15 server for the results-store tests and prints its URL:
#
#   export PARLEY_TEST_POSTGRES_URL=$(Tests/store/start-postgres.sh)        # port 54329
#   export PARLEY_TEST_POSTGRES_URL=$(Tests/store/start-postgres.sh 55432)  # another port
#   swift test --filter ParleyStoreTests
#   Tests/store/stop-postgres.sh [PORT]
#
# The cluster lives in a fresh mktemp folder owned by the `postgres` user (initdb refuses to run
# as root), listens on 127.0.0.1 only, asks TCP clients for a password (scram-sha-256), and trades
# durability for speed (--no-sync, fsync=off): it is for tests only. Needs Debian's
# `postgresql` package (binaries in /usr/lib/postgresql/15/bin, or set PG_BIN).
set -eu

port=${1:-${PARLEY_POSTGRES_PORT:-54329}}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
state="${TMPDIR:-/tmp}/parley-postgres-$port.dir"

if [ ! -x "$bin/initdb" ]; then
    echo "start-postgres: no $bin/initdb; install PostgreSQL 15 (apt-get install -y postgresql) or set PG_BIN" >&2
    exit 1
fi
if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    echo "start-postgres: something already answers on 127.0.0.1:$port; stop it (Tests/store/stop-postgres.sh $port) or pass another port" >&2
    exit 1
fi

# Run PostgreSQL's programs as `postgres` when we are root, as ourselves otherwise.
if [ "$(id -u)" -eq 0 ]; then
    as_owner() { runuser -u postgres -- "$@"; }
else
    as_owner() { "$@"; }
fi

directory=$(mktemp -d "${TMPDIR:-/tmp}/parley-postgres.XXXXXX")
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$directory"
chmod 700 "$directory"
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" > "$directory/password"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$directory/password"

as_owner "$bin/initdb" -D "$directory/data" -U parley --pwfile="$directory/password" \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8 > "$directory/initdb.log" 2>&1 || {
    cat "$directory/initdb.log" >&2
    exit 1
}
as_owner "$bin/pg_ctl" -D "$directory/data" -l "$directory/server.log" -w -t 30 start \
    -o "-p $port -k $directory -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    > /dev/null || {
    cat "$directory/server.log" >&2
    exit 1
}
as_owner "$bin/createdb" -h "$directory" -p "$port" -U parley parley

printf '%s\n' "$directory" > "$state"
echo "start-postgres: PostgreSQL on 127.0.0.1:$port, data in $directory; stop with Tests/store/stop-postgres.sh $port" >&2
echo "postgres://parley:$password@127.0.0.1:$port/parley"
