# Sourced by scripts/test-{python,kotlin,swift}.sh: the tool cache, the built bindings, and a real
# sync server on 127.0.0.1 (a free port, a temporary data directory) with its bootstrap admin token.
# Sets: root, target_dir, tournee_cache, bindings_dir; exports TOURNEE_TEST_SERVER_URL and
# TOURNEE_TEST_ADMIN_TOKEN once start_sync_server ran. Cleanup steps run on exit, last added first.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# The test vectors every language's suite checks (tests/vectors).
export TOURNEE_TEST_VECTORS="$root/tests/vectors"
target_dir=${CARGO_TARGET_DIR:-$root/target}
# Tools are cached outside the checkout, so a fresh clone reuses them.
tournee_cache=${TOURNEE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tournee}
mkdir -p "$tournee_cache"

cleanup_steps=()
run_cleanup() {
    local i
    for ((i = ${#cleanup_steps[@]} - 1; i >= 0; i--)); do
        eval "${cleanup_steps[i]}" || true
    done
}
trap run_cleanup EXIT
on_exit() { cleanup_steps+=("$1"); }

log() { printf '==> %s\n' "$*" >&2; }

build_bindings() {
    log "building libtournee_core and its bindings"
    bindings_dir=$("$root/scripts/build-bindings.sh")
}

start_sync_server() {
    log "starting tournee-sync-server on 127.0.0.1"
    (cd "$root" && cargo build -p tournee-sync-server --bin tournee-sync-server >&2)
    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/tournee-sync-server.XXXXXX")
    # The bindings' tests enroll a few devices per test, all from 127.0.0.1.
    TOURNEE_LOG=warn TOURNEE_ENROLLMENTS_PER_MINUTE=100000 "$target_dir/debug/tournee-sync-server" --listen 127.0.0.1:0 --data-dir "$dir/data" \
        >"$dir/stdout" 2>"$dir/stderr" &
    local pid=$!
    on_exit "kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf '$dir'"
    local _
    for _ in $(seq 1 300); do
        if grep -qs '^listening on ' "$dir/stdout"; then
            export TOURNEE_TEST_SERVER_URL="http://$(sed -n 's/^listening on //p' "$dir/stdout")"
            export TOURNEE_TEST_ADMIN_TOKEN=$(sed -n 's/^admin token: //p' "$dir/stdout")
            log "sync server at $TOURNEE_TEST_SERVER_URL"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$dir/stderr" >&2
            echo "tournee-sync-server exited before listening" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "tournee-sync-server did not start within 30 s" >&2
    return 1
}
