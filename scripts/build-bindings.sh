#!/usr/bin/env bash
# Builds libtournee_core.so (release, feature `ffi`) and generates its Kotlin, Swift and Python
# bindings in library mode with the pinned uniffi-bindgen. Output (gitignored, under the target dir):
#   target/bindings/lib/libtournee_core.so
#   target/bindings/{kotlin,swift,python}/   (python/ also holds a copy of the library)
# Prints the bindings directory on stdout; everything else goes to stderr.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target_dir=${CARGO_TARGET_DIR:-$root/target}
out=$target_dir/bindings

# Two invocations on purpose: built together, cargo would unify features and the bindgen's.
cargo build --release -p tournee-core --features ffi --lib >&2
cargo build -p uniffi-bindgen >&2

lib=$target_dir/release/libtournee_core.so
mkdir -p "$out/lib"
cp "$lib" "$out/lib/libtournee_core.so.new"
mv "$out/lib/libtournee_core.so.new" "$out/lib/libtournee_core.so"
for language in kotlin swift python; do
    rm -rf "$out/$language"
    "$target_dir/debug/uniffi-bindgen" generate --library "$out/lib/libtournee_core.so" \
        --language "$language" --out-dir "$out/$language" --no-format >&2
done
# Python's module loads the library from its own directory.
cp "$out/lib/libtournee_core.so" "$out/python/"
echo "$out"
