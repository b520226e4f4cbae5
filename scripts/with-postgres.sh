#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server (Debian's package) on a
# loopback port in a temporary folder; SAROS_REVIEW_TEST_PG holds its
# connection string. The server is stopped and the folder removed after.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
	echo "with-postgres: no PostgreSQL server installed (apt-get install postgresql)" >&2
	exit 1
fi
dir=$(mktemp -d)
as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
port=$((20000 + RANDOM % 20000))
stop() {
	as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap stop EXIT
as_pg "$bin/initdb" -D "$dir/data" -A trust -U saros -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null ||
	{ cat "$dir/server.log" >&2; exit 1; }
export SAROS_REVIEW_TEST_PG="postgres://saros@127.0.0.1:$port/postgres?sslmode=disable"
"$@"
