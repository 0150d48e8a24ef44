#!/usr/bin/env bash
# Every test of the project, in the order a failure is cheapest to find:
# formatting and lints, the Rust suites (unit, property, crash, migration, end-to-end against the real
# sync server), the server's end-to-end suite again on PostgreSQL, the bindings in Python, Kotlin
# and Swift against the real library and server, and the benchmark in quick mode (kept working;
# its figures are not judged here).
#
# Each binding script installs its own tools idempotently and caches them under ~/.cache/tournee.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (workspace, and the core with its FFI)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p tournee-core --features ffi --all-targets -- -D warnings

step "cargo test --workspace"
cargo test --workspace

step "sync server against PostgreSQL (a private cluster on 127.0.0.1)"
scripts/test-postgres.sh

step "bindings: build the library and generate Kotlin, Swift, Python"
scripts/build-bindings.sh

step "bindings: Python"
scripts/test-python.sh

step "bindings: Kotlin (JVM)"
scripts/test-kotlin.sh

step "Android screens: Compose for the JVM desktop, rendered to PNG (target/screens/)"
scripts/test-android-ui.sh

step "bindings: Swift (Debian trixie chroot)"
scripts/test-swift.sh

step "benchmark, quick mode (the server's rows on SQLite, then on PostgreSQL)"
# The bench starts the real server binary, built beside it.
cargo build --release -p tournee-sync-server -p tournee-bench
postgres_url=$(scripts/postgres.sh start)
cargo run --release -p tournee-bench -- --quick --postgres "$postgres_url"
scripts/postgres.sh stop

step "all tests passed"
