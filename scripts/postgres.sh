#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests and the benchmark: its own data directory, on
# 127.0.0.1 and a port of its own, never the machine's own cluster. Installs Debian's postgresql
# package when it is missing.
#
#   scripts/postgres.sh start   # (re)creates the cluster, starts it, prints its URL on stdout:
#                               # postgres://tournee@127.0.0.1:PORT (add /DATABASE)
#   scripts/postgres.sh pause   # stops it, keeping its data (its clients' connections close)
#   scripts/postgres.sh resume  # starts it again after a pause
#   scripts/postgres.sh stop    # stops it and removes its data directory
#
# TOURNEE_PG_PORT (default 54329) picks the port. initdb refuses root: as root, the cluster runs as
# Debian's `postgres` user.
set -euo pipefail

port=${TOURNEE_PG_PORT:-54329}
dir=${TMPDIR:-/tmp}/tournee-postgres-$port
url="postgres://tournee@127.0.0.1:$port"

log() { printf '==> %s\n' "$*" >&2; }

bin_dir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n $found && -x $found/pg_ctl ]] && echo "$found"
}

install_postgres() {
    if [[ -n $(bin_dir) ]] && command -v psql >/dev/null; then
        return 0
    fi
    log "installing PostgreSQL (Debian's postgresql package)"
    local sudo=()
    [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql >&2
    # The package starts the machine's own cluster; the tests never use it.
}

# Runs a PostgreSQL program as the cluster's owner.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    install_postgres
    local bin
    bin=$(bin_dir)
    stop_quietly
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U tournee -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # One role that must give its password over TCP (the tests of wrong credentials); the first
    # matching line of pg_hba.conf wins.
    as_owner sh -c "{ echo 'host all tournee_password 127.0.0.1/32 scram-sha-256'; cat '$dir/data/pg_hba.conf'; } \
        > '$dir/hba' && mv '$dir/hba' '$dir/data/pg_hba.conf'"
    resume
    psql -q -d "$url/postgres" -c "CREATE ROLE tournee_password LOGIN PASSWORD 'the-right-one'" >/dev/null
    log "PostgreSQL on 127.0.0.1:$port (data in $dir)"
    echo "$url"
}

stop_quietly() {
    local bin
    bin=$(bin_dir) || return 0
    if [[ -f $dir/data/postmaster.pid ]]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

# Starts the cluster made by `start`. Enough connections for the test binaries' servers (a pool
# of 16 each) running side by side.
resume() {
    (
        # The server outlives this script: it must not keep the caller's open files (a build lock
        # taken with flock would stay held as long as the cluster runs).
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            if ((fd > 2)); then eval "exec $fd>&-"; fi
        done
        as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400" >/dev/null
    )
}

# Stops the cluster and keeps its data, as an operator's maintenance or a failover would (its
# clients' connections are closed); `resume` starts it again.
pause() {
    as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

case ${1:-} in
    start) start ;;
    pause) pause ;;
    resume) resume ;;
    stop) stop_quietly ;;
    *)
        echo "usage: $0 start|pause|resume|stop" >&2
        exit 2
        ;;
esac
