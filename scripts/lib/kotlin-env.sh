# Sourced after test-env.sh by scripts/test-kotlin.sh and scripts/test-android-ui.sh: a JDK, JNA,
# JUnit 5 (Debian) and the npm Kotlin compiler (into the tool cache), installed when missing, and the
# bindings with the presenters compiled once per version of their sources.
# Sets: kotlin_version, kotlin_home, java_dir, kotlin_libs; defines kotlinc and compile_core_kotlin.

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
kotlin_libs=$java_dir/jna.jar:$kotlin_home/lib/kotlinx-coroutines-core-jvm.jar

# Compiles the generated bindings and android/core-kotlin's main sources into $main_jar, reusing
# the jar of the same sources (the bindings are most of the compile time). Needs $bindings_dir.
compile_core_kotlin() {
    local build=$target_dir/kotlin sources
    mkdir -p "$build"
    sources=("$bindings_dir"/kotlin/app/tournee/core/*.kt)
    mapfile -t -O ${#sources[@]} sources < <(find "$root/android/core-kotlin/src/main/kotlin" -name '*.kt' | sort)
    local hash
    hash=$(cat "${sources[@]}" <(echo "$kotlin_version") | sha256sum | cut -c1-16)
    main_jar=$build/core-kotlin-$hash.jar
    if [[ ! -f $main_jar ]]; then
        log "compiling the bindings and the presenters"
        rm -f "$build"/core-kotlin-*.jar
        kotlinc -cp "$kotlin_libs" -d "$main_jar.tmp.jar" "${sources[@]}"
        mv "$main_jar.tmp.jar" "$main_jar"
    fi
}
