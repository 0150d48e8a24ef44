#!/usr/bin/env bash
# The Swift binding tests: `swift test` of ios/ (generated bindings + view models, XCTest) against
# the release library and a real sync server, in a Debian trixie chroot with swiftlang (bookworm has
# no Swift). The chroot is made once with debootstrap and cached in the tool cache; /proc, /sys, /dev
# and the checkout are bind-mounted into it for the run and unmounted after. Extra arguments go to
# `swift test` (e.g. --filter). SwiftUI does not exist on Linux: the app's views (ios/App) are
# checked to parse with the same toolchain.
set -euo pipefail
source "$(dirname "$0")/lib/test-env.sh"

chroot_dir=$tournee_cache/swift-trixie
make_chroot() {
    if ! command -v debootstrap >/dev/null; then
        log "installing debootstrap"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2
    fi
    log "making a Debian trixie chroot with swiftlang in $chroot_dir (once)"
    # Never descend into a mount left by a killed run (/dev, the checkout).
    rm -rf --one-file-system "$chroot_dir"
    debootstrap --variant=minbase trixie "$chroot_dir" >&2
    mount -t proc proc "$chroot_dir/proc"
    local status=0
    chroot "$chroot_dir" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends swiftlang libc6-dev libstdc++-14-dev' >&2 || status=$?
    umount "$chroot_dir/proc"
    return $status
}
if [[ ! -f $chroot_dir/.tournee-swift-ready ]]; then
    make_chroot
    touch "$chroot_dir/.tournee-swift-ready"
fi

build_bindings
start_sync_server

# The package's generated part: the bindings' Swift file, and the C header with a module map that
# names it by absolute path and links the library.
generated=$root/ios/Generated
rm -rf "$generated"
mkdir -p "$generated/TourneeCore" "$generated/TourneeCoreFFI"
cp "$bindings_dir/swift/TourneeCore.swift" "$generated/TourneeCore/"
cp "$bindings_dir/swift/TourneeCoreFFI.h" "$generated/TourneeCoreFFI/"
cat >"$generated/TourneeCoreFFI/module.modulemap" <<MAP
module TourneeCoreFFI {
    header "$generated/TourneeCoreFFI/TourneeCoreFFI.h"
    link "tournee_core"
    export *
}
MAP

# The same absolute paths inside the chroot as outside.
bind() {
    mkdir -p "$chroot_dir$2"
    mount --bind "$1" "$chroot_dir$2"
    on_exit "umount '$chroot_dir$2'"
}
bind /proc /proc
bind /sys /sys
bind /dev /dev
bind "$root" "$root"
case $target_dir/ in
"$root"/*) ;;
*) bind "$target_dir" "$target_dir" ;;
esac

# SwiftPM does not always recompile the test target when the generated module's records change
# layout: the tests then copy a record with its old layout and crash (SIGSEGV in BindingsTests,
# seen after a record gained a field). New bindings start from a clean build.
stamp="$target_dir/swift-build.bindings-sha256"
bindings_sum=$(sha256sum "$bindings_dir/swift/TourneeCore.swift" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$bindings_sum" ]; then
    rm -rf "$target_dir/swift-build"
    echo "$bindings_sum" >"$stamp"
fi

log "swift test"
in_chroot() {
    chroot "$chroot_dir" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin \
        TOURNEE_TEST_SERVER_URL="$TOURNEE_TEST_SERVER_URL" TOURNEE_TEST_ADMIN_TOKEN="$TOURNEE_TEST_ADMIN_TOKEN" \
        LD_LIBRARY_PATH="$bindings_dir/lib" "$@"
}
in_chroot swift test --disable-swift-testing --package-path "$root/ios" --scratch-path "$target_dir/swift-build" \
    -Xlinker -L"$bindings_dir/lib" "$@"

log "swiftc -parse ios/App/*.swift (SwiftUI views, built on a Mac)"
views=("$root"/ios/App/*.swift)
in_chroot swiftc -parse "${views[@]}"
log "${#views[@]} view files parse"
