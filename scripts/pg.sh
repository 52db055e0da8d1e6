#!/usr/bin/env bash
# A throw-away local PostgreSQL for tests, CI and trying the team store on one machine.
#
#   scripts/pg.sh start [DIR]   initdb into DIR (default: a new temp dir), start the server on a
#                               free port of 127.0.0.1 (and a unix socket in DIR), create the
#                               database `historiograph`; print its URL (the only line on stdout)
#   scripts/pg.sh url DIR       print the URL of the server started in DIR
#   scripts/pg.sh stop DIR      stop the server and delete DIR
#
# The server's own binaries (initdb, pg_ctl) are looked up on PATH and in
# /usr/lib/postgresql/*/bin. Run as root (as CI is), the server runs as user `postgres`, which
# is given DIR; as anyone else, it runs as you. Authentication is `trust` for local
# connections only: this server is for tests, never for data that matters.
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 1; }

bindir() {
    local d
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"; return
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    return 1
}

as_owner() {  # run a command as the user that owns the cluster
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

start() {
    local dir=${1:-} bin port
    bin=$(bindir) || die "no PostgreSQL server found (install postgresql, or put initdb and pg_ctl on PATH)"
    if [ -z "$dir" ]; then
        dir=$(mktemp -d "${TMPDIR:-/tmp}/historiograph-pg.XXXXXX")
    fi
    mkdir -p "$dir"
    [ -z "$(ls -A "$dir")" ] || die "$dir is not empty (give a new or empty folder; scripts/pg.sh stop $dir stops a server there)"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || die "running as root needs a user named postgres to run the server"
        chown postgres "$dir"
        chmod 700 "$dir"
        runuser -u postgres -- test -w "$dir" \
            || die "user postgres cannot reach $dir (a folder above it is closed to others: give a folder in /tmp)"
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off \
                -c max_connections=200 -c shared_buffers=64MB" >/dev/null 2>&1; then
            echo "postgresql://postgres@127.0.0.1:$port/historiograph" >"$dir/url"
            as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres historiograph \
                || die "createdb failed (log: $dir/server.log)"
            cat "$dir/url"
            echo "pg.sh: PostgreSQL running in $dir (stop it with: scripts/pg.sh stop $dir)" >&2
            return 0
        fi
    done
    cat "$dir/server.log" >&2 || true
    die "the server did not start"
}

stop() {
    local dir=${1:?usage: scripts/pg.sh stop DIR} bin
    bin=$(bindir) || die "no PostgreSQL server found"
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    [ -d "$dir/data" ] || die "$dir: no server made by pg.sh here"
    rm -rf "$dir/data" "$dir/url" "$dir/initdb.log" "$dir/server.log"
    rmdir "$dir" 2>/dev/null || true  # the socket files go with the server; anything else stays
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    url) cat "${2:?usage: scripts/pg.sh url DIR}/url" ;;
    *) echo "usage: scripts/pg.sh start [DIR] | url DIR | stop DIR" >&2; exit 2 ;;
esac
