#!/usr/bin/env bash
# Run the test suite on SQLite and on PostgreSQL side by side (make test).
#
#   scripts/test_both.sh PYTEST [ARGS...]
#
# The two runs share no state (SQLite in memory, PostgreSQL in a throwaway cluster or the
# $DATABASE_URL given, uploads in each test's own temporary directory, ephemeral ports), so
# they run at the same time: each run's quiet moments (start-up, a browser waiting for a page,
# the last long test) are the other's working time. SQLite's output streams; PostgreSQL's is
# kept in a file and printed when both have finished. Fails when either fails.
set -uo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 PYTEST [ARGS...]" >&2
    exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PG_LOG=$(mktemp "${TMPDIR:-/tmp}/samverka-pytest-pg.XXXXXX")
trap 'rm -f "$PG_LOG"' EXIT

case "${DATABASE_URL:-}" in
    postgres*)
        echo "pytest on PostgreSQL (DATABASE_URL from environment), in the background"
        "$@" >"$PG_LOG" 2>&1 &
        ;;
    *)
        echo "pytest on PostgreSQL (throwaway cluster), in the background"
        env -u DATABASE_URL bash scripts/pg_test.sh "$@" >"$PG_LOG" 2>&1 &
        ;;
esac
pg_pid=$!
trap 'kill -- "$pg_pid" 2>/dev/null; rm -f "$PG_LOG"' INT TERM

echo "pytest on SQLite"
env -u DATABASE_URL "$@"
sqlite_rc=$?

wait "$pg_pid"
pg_rc=$?
echo
echo "pytest on PostgreSQL (output)"
cat "$PG_LOG"

echo
echo "SQLite: exit $sqlite_rc; PostgreSQL: exit $pg_rc"
if [ "$sqlite_rc" -ne 0 ] || [ "$pg_rc" -ne 0 ]; then
    exit 1
fi
