#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster that a test can start, restart, kill and remove on its own, apart from the
# suite's shared one (scripts/lib.sh start_test_postgres): the fault tests restart their database under load.
#
#   scripts/pg-cluster.sh start DIR      initdb in DIR (owned by `postgres` when run as root), start on a free port,
#                                        print the port; trust authentication, one database `suyuan`
#   scripts/pg-cluster.sh restart DIR    pg_ctl restart -m fast (sessions are cut, the server comes back)
#   scripts/pg-cluster.sh kill DIR       kill -9 the postmaster, then start it again (crash recovery)
#   scripts/pg-cluster.sh pause DIR      stop the server (the database is down; the cluster stays)
#   scripts/pg-cluster.sh resume DIR     start a paused server again
#   scripts/pg-cluster.sh stop DIR       stop it and remove DIR
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
command="$1"
dir="$2"
run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi

start() {
    "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$(cat "$dir/options")" start >/dev/null
}

case "$command" in
    start)
        mkdir -p "$dir"
        if [ "$(id -u)" -eq 0 ]; then
            id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
            chown postgres "$dir"
        fi
        port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
        "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U suyuan --auth=trust -E UTF8 --no-locale >/dev/null
        echo "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=100 -c fsync=off" > "$dir/options"
        [ "$(id -u)" -eq 0 ] && chown postgres "$dir/options"
        start
        "$bin/createdb" -h 127.0.0.1 -p "$port" -U suyuan suyuan
        echo "$port"
        ;;
    restart)
        "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -m fast -o "$(cat "$dir/options")" restart >/dev/null
        ;;
    kill)
        pid="$(head -1 "$dir/data/postmaster.pid")"
        kill -9 "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
        # The backends die with their postmaster shortly after; a new one waits until they are gone.
        for _ in $(seq 1 100); do
            "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$(cat "$dir/options")" start \
                >/dev/null 2>&1 && exit 0
            sleep 0.1
        done
        echo "the killed cluster did not start again" >&2
        exit 1
        ;;
    pause)
        "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -w -m fast stop >/dev/null
        ;;
    resume)
        start
        ;;
    stop)
        "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$dir"
        ;;
    *)
        echo "usage: $0 start|restart|kill|pause|resume|stop DIR" >&2
        exit 2
        ;;
esac
