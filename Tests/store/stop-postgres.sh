#!/bin/sh
# Stops the server Tests/store/start-postgres.sh started on PORT (default 54329) and deletes its files.
set -eu

port=${1:-${PARLEY_POSTGRES_PORT:-54329}}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
state="${TMPDIR:-/tmp}/parley-postgres-$port.dir"

if [ ! -f "$state" ]; then
    echo "stop-postgres: no server started by start-postgres.sh on port $port ($state is missing)" >&2
    exit 1
fi
directory=$(cat "$state")
if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$directory/data" -m fast -w stop > /dev/null
else
    "$bin/pg_ctl" -D "$directory/data" -m fast -w stop > /dev/null
fi
rm -rf "$directory" "$state"
echo "stop-postgres: stopped the server on port $port" >&2
