#!/usr/bin/env bash
# The Kotlin binding tests: the generated bindings and android/core-kotlin (presenters) compiled with
# the npm Kotlin compiler, tested with JUnit 5 on the JVM (JNA loads the release library) against a
# real sync server. Installs what it needs when missing (scripts/lib/kotlin-env.sh).
set -euo pipefail
source "$(dirname "$0")/lib/test-env.sh"
source "$(dirname "$0")/lib/kotlin-env.sh"

build_bindings
start_sync_server
compile_core_kotlin

log "compiling the tests"
mapfile -t test_sources < <(find "$root/android/core-kotlin/src/test/kotlin" -name '*.kt' | sort)
test_jar=$target_dir/kotlin/core-kotlin-tests.jar
kotlinc -cp "$main_jar:$kotlin_libs:$java_dir/junit-platform-console-standalone.jar" -d "$test_jar" "${test_sources[@]}"

log "running JUnit"
java -Djna.library.path="$bindings_dir/lib" -jar "$java_dir/junit-platform-console-standalone.jar" \
    --class-path "$test_jar:$main_jar:$kotlin_libs:$kotlin_home/lib/kotlin-stdlib.jar" \
    --scan-class-path --disable-banner --details=tree --fail-if-no-tests
