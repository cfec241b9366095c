#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster.
#
#   scripts/pg_test.sh .venv/bin/python -m pytest
#
# Creates a temporary cluster (trust auth, superuser "samverka"), listening
# on 127.0.0.1 only on a free port, creates database "samverka", exports
#   DATABASE_URL=postgres://samverka@127.0.0.1:PORT/samverka
# runs the command, then always stops the cluster and deletes it. Exits with
# the command's exit code.
#
# PG_BINDIR may point at a PostgreSQL bin directory; otherwise the highest
# version under /usr/lib/postgresql/*/bin is used, else initdb from PATH.
# As root the server runs as the "postgres" user (postgres refuses root).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

# --- locate binaries -------------------------------------------------------
find_bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        printf '%s\n' "$PG_BINDIR"
        return
    fi
    local best
    best=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$best" ] && [ -x "$best/initdb" ]; then
        printf '%s\n' "$best"
        return
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return
    fi
    echo "pg_test.sh: no PostgreSQL server binaries found (set PG_BINDIR or install postgresql)" >&2
    exit 1
}
BINDIR=$(find_bindir)
for tool in initdb pg_ctl pg_isready; do
    if [ ! -x "$BINDIR/$tool" ]; then
        echo "pg_test.sh: $BINDIR/$tool not found" >&2
        exit 1
    fi
done

# --- run server-side tools as a non-root user ------------------------------
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "pg_test.sh: running as root but there is no 'postgres' user" >&2
        exit 1
    fi
    if command -v runuser >/dev/null 2>&1; then
        as_pg() { runuser -u postgres -- "$@"; }
    else
        as_pg() { su -s /bin/sh postgres -c "$(printf '%q ' "$@")"; }
    fi
else
    as_pg() { "$@"; }
fi

# --- temp dir + cleanup ----------------------------------------------------
TMPDIR_PG=$(mktemp -d "${TMPDIR:-/tmp}/samverka-pg.XXXXXX")
DATA="$TMPDIR_PG/data"
LOG="$TMPDIR_PG/server.log"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$TMPDIR_PG"
fi
chmod 700 "$TMPDIR_PG"

STARTED=0
cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    if [ "$STARTED" -eq 1 ] && [ -f "$DATA/postmaster.pid" ]; then
        if ! as_pg "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1; then
            # Last resort: kill the postmaster directly.
            local pid
            pid=$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)
            if [ -n "$pid" ]; then
                kill -9 "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf "$TMPDIR_PG"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- initdb ----------------------------------------------------------------
initdb_with_locale() {
    as_pg "$BINDIR/initdb" -D "$DATA" -A trust -U samverka --encoding=UTF8 \
        --locale="$1" --no-sync --no-instructions >"$TMPDIR_PG/initdb.log" 2>&1
}
if ! initdb_with_locale C.UTF-8; then
    as_pg rm -rf "$DATA"
    if ! initdb_with_locale C; then
        echo "pg_test.sh: initdb failed:" >&2
        cat "$TMPDIR_PG/initdb.log" >&2
        exit 1
    fi
fi

# --- free port -------------------------------------------------------------
free_port() {
    python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# --- start -----------------------------------------------------------------
start_server() {
    PORT=$(free_port)
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$TMPDIR_PG -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null 2>&1
}
STARTED=1
ok=0
for _ in 1 2 3; do
    if start_server; then
        ok=1
        break
    fi
done
if [ "$ok" -ne 1 ]; then
    echo "pg_test.sh: PostgreSQL failed to start; server log:" >&2
    cat "$LOG" >&2 || true
    exit 1
fi

for _ in $(seq 1 60); do
    if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
        break
    fi
    sleep 0.5
done
if ! "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    echo "pg_test.sh: PostgreSQL not ready; server log:" >&2
    cat "$LOG" >&2 || true
    exit 1
fi

"$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U samverka samverka

export DATABASE_URL="postgres://samverka@127.0.0.1:$PORT/samverka"
echo "pg_test.sh: PostgreSQL $("$BINDIR/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$PORT ($BINDIR)" >&2

# --- run the command (not exec: the trap must clean up afterwards) ---------
set +e
"$@"
rc=$?
set -e
exit "$rc"
