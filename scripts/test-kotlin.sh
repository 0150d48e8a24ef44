#!/usr/bin/env bash
# The Kotlin binding tests: the generated bindings and android/core-kotlin (presenters) compiled with
# the npm Kotlin compiler, tested with JUnit 5 on the JVM (JNA loads the release library) against a
# real sync server. Installs a JDK, npm, libjna-java, junit5 (Debian) and kotlin-compiler (npm, into
# the tool cache) when missing. The compiled main classes are cached by the hash of their sources.
set -euo pipefail
source "$(dirname "$0")/lib/test-env.sh"

kotlin_version=2.4.20
java_dir=/usr/share/java
missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v npm >/dev/null || missing+=(npm)
[[ -f $java_dir/jna.jar ]] || missing+=(libjna-java)
[[ -f $java_dir/junit-platform-console-standalone.jar ]] || missing+=(junit5)
if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
kotlin_home=$tournee_cache/kotlinc-$kotlin_version/node_modules/kotlin-compiler
if [[ ! -x $kotlin_home/bin/kotlinc ]]; then
    log "installing kotlin-compiler@$kotlin_version from npm"
    mkdir -p "$tournee_cache/kotlinc-$kotlin_version"
    npm install --prefix "$tournee_cache/kotlinc-$kotlin_version" --no-audit --no-fund --silent \
        "kotlin-compiler@$kotlin_version" >&2
fi
export PATH=$kotlin_home/bin:$PATH
kotlinc() { command kotlinc -jvm-target 17 -nowarn "$@"; }

build_bindings
start_sync_server

module=$root/android/core-kotlin
build=$target_dir/kotlin
mkdir -p "$build"
libs=$java_dir/jna.jar:$kotlin_home/lib/kotlinx-coroutines-core-jvm.jar
main_sources=("$bindings_dir"/kotlin/app/tournee/core/*.kt)
mapfile -t -O ${#main_sources[@]} main_sources < <(find "$module/src/main/kotlin" -name '*.kt' | sort)
mapfile -t test_sources < <(find "$module/src/test/kotlin" -name '*.kt' | sort)

# The generated bindings are most of the compile time: recompile them only when something changed.
main_hash=$(cat "${main_sources[@]}" <(echo "$kotlin_version") | sha256sum | cut -c1-16)
main_jar=$build/core-kotlin-$main_hash.jar
if [[ ! -f $main_jar ]]; then
    log "compiling the bindings and the presenters"
    rm -f "$build"/core-kotlin-*.jar
    kotlinc -cp "$libs" -d "$main_jar.tmp.jar" "${main_sources[@]}"
    mv "$main_jar.tmp.jar" "$main_jar"
fi
log "compiling the tests"
test_jar=$build/core-kotlin-tests.jar
kotlinc -cp "$main_jar:$libs:$java_dir/junit-platform-console-standalone.jar" -d "$test_jar" "${test_sources[@]}"

log "running JUnit"
java -Djna.library.path="$bindings_dir/lib" -jar "$java_dir/junit-platform-console-standalone.jar" \
    --class-path "$test_jar:$main_jar:$libs:$kotlin_home/lib/kotlin-stdlib.jar" \
    --scan-class-path --disable-banner --details=tree --fail-if-no-tests
