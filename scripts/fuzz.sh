#!/usr/bin/env bash
# Runs the fuzz targets of fuzz/ (cargo-fuzz, libFuzzer) for a number of inputs each, growing the
# kept corpora in fuzz/corpus/ with the inputs that reach new code. Installs cargo-fuzz once. The
# stable toolchain is enough: RUSTC_BOOTSTRAP=1 lets it take the sanitizer flags cargo-fuzz passes.
#
#   scripts/fuzz.sh                     # every target, 1,000,000 inputs each
#   scripts/fuzz.sh 100000 cursor       # one target, fewer inputs
#
# A crash is saved under fuzz/artifacts/<target>/; once fixed, copy it into fuzz/corpus/<target>/
# so the README's test command replays it (fuzz/tests/corpora.rs). Figures go in RELIABILITY.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1000000}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(sync_body cursor uploaded_document api_json typed_text csv_file)
fi
tournee_cache=${TOURNEE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tournee}
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz" >&2
    cargo install --locked cargo-fuzz
fi
# Instrumented builds go beside the other caches, not over the test builds.
export CARGO_TARGET_DIR=$tournee_cache/target-fuzz RUSTC_BOOTSTRAP=1
cd "$root"
failed=()
for target in "${targets[@]}"; do
    echo "==> $target: $runs inputs" >&2
    mkdir -p "fuzz/corpus/$target"
    log=$tournee_cache/fuzz-$target.log
    started=$(date +%s)
    if cargo fuzz run --features libfuzzer "$target" "fuzz/corpus/$target" -- \
        -runs="$runs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
        verdict=ok
    else
        verdict="FAILED (see $log and fuzz/artifacts/$target/)"
        failed+=("$target")
    fi
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY)' "$log" >&2 || true
    echo "==> $target: $verdict, $(($(date +%s) - started)) s, corpus $(ls "fuzz/corpus/$target" | wc -l) inputs" >&2
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "==> crashed: ${failed[*]}" >&2
    exit 1
fi
