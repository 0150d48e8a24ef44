#!/usr/bin/env bash
# The Android app's Compose screens, compiled here for the JVM desktop with JetBrains Compose
# Multiplatform (the same androidx.compose API; scripts/lib/compose-deps.sh says which version and
# why) and the Compose compiler plugin of the npm Kotlin compiler, then tested with JUnit on Skia's
# software renderer against the real core and a real sync server: flows clicked through with the
# desktop UI test API, and every screen in French and English, phone portrait and tablet landscape,
# rendered as PNG files in target/screens/ of the checkout.
set -euo pipefail
source "$(dirname "$0")/lib/test-env.sh"
source "$(dirname "$0")/lib/kotlin-env.sh"
source "$(dirname "$0")/lib/compose-deps.sh"

build_bindings
start_sync_server
compile_core_kotlin

app=$root/android/app
build=$target_dir/android-ui
mkdir -p "$build"
compose_kotlinc() { kotlinc -Xplugin="$kotlin_home/lib/compose-compiler-plugin.jar" "$@"; }
libs=$main_jar:$kotlin_libs:$compose_classpath

# The screens compile in about a minute: again only when they or the presenters changed.
mapfile -t screen_sources < <(find "$app/src/main/kotlin" -name '*.kt' | sort)
hash=$(cat "${screen_sources[@]}" <(echo "$main_jar $compose_version") | sha256sum | cut -c1-16)
screens_jar=$build/screens-$hash.jar
if [[ ! -f $screens_jar ]]; then
    log "compiling the Compose screens (Compose Multiplatform $compose_version)"
    rm -f "$build"/screens-*.jar
    compose_kotlinc -cp "$libs" -d "$screens_jar.tmp.jar" "${screen_sources[@]}"
    mv "$screens_jar.tmp.jar" "$screens_jar"
fi

log "compiling the screen tests"
mapfile -t test_sources < <(find "$app/src/test/kotlin" -name '*.kt' | sort)
# The test team (an admin, a rep and a manager on the test server) is the presenters' tests' own.
test_sources+=("$root/android/core-kotlin/src/test/kotlin/app/tournee/TestTeam.kt")
tests_jar=$build/screens-tests.jar
compose_kotlinc -cp "$screens_jar:$libs:$java_dir/junit-platform-console-standalone.jar" -d "$tests_jar" "${test_sources[@]}"

screens_dir=$root/target/screens
rm -rf "$screens_dir"
mkdir -p "$screens_dir"
log "rendering the screens into $screens_dir"
java -Djava.awt.headless=true -Djna.library.path="$bindings_dir/lib" -Dtournee.screens="$screens_dir" \
    -jar "$java_dir/junit-platform-console-standalone.jar" \
    --class-path "$tests_jar:$screens_jar:$libs:$kotlin_home/lib/kotlin-stdlib.jar" \
    --scan-class-path --disable-banner --details=tree --fail-if-no-tests
