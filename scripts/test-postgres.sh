#!/usr/bin/env bash
# The sync server's end-to-end suite against PostgreSQL: a private cluster (scripts/postgres.sh:
# Debian's package, installed if missing, its own data directory and port on 127.0.0.1), each test
# server on a database of its own; then what only PostgreSQL does (tests/postgres.rs: two processes
# over one database, one killed mid-sync; a cursor racing commits; moving a data directory; a
# restore from pg_dump; a database the server cannot use), and last, alone, the database stopped and
# started under a running server (tests/postgres_restart.rs). The cluster is removed after.
#
# Left out: tests about the SQLite file itself (upgrades from its older schemas, its backup and
# restore), the HTTPS and memory tests (they measure the HTTP layer and the process, the same on
# both backends).
set -euo pipefail
cd "$(dirname "$0")/.."

url=$(scripts/postgres.sh start)
trap 'scripts/postgres.sh stop' EXIT
export TOURNEE_TEST_POSTGRES=$url

cargo test -p tournee-sync-server \
    --test access_matrix --test change_index --test convergence --test faults --test load_shedding \
    --test group_commit --test projections --test refusals --test team_members --test untrusted_uploads \
    -- --skip a_server_upgraded_from_before
cargo test -p tournee-sync-server --test postgres -- --include-ignored
# Alone: it stops and starts the cluster under a running server.
cargo test -p tournee-sync-server --test postgres_restart -- --include-ignored
