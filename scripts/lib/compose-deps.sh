# Sourced by scripts/test-android-ui.sh after test-env.sh and kotlin-env.sh: the jars of JetBrains
# Compose Multiplatform for the JVM desktop, fetched once from Maven Central with Maven into the tool
# cache, and a font for Skia to draw text with.
# Sets: compose_version, compose_classpath (material3, the desktop UI test API, Skia for Linux x64).
#
# 1.8.2 is the newest version whose whole tree resolves from Maven Central alone: from 1.9.0 on,
# JetBrains' artifacts depend on androidx.compose.runtime and androidx.lifecycle 2.9 desktop jars
# that only Google's repository serves. Its androidx.collection/annotation come from Maven Central.

compose_version=1.8.2
skiko_version=0.9.4.2
compose_missing=()
command -v mvn >/dev/null || compose_missing+=(maven)
# Skia finds fonts through fontconfig; without one a screen draws no text.
fc-list 2>/dev/null | grep -q . || compose_missing+=(fontconfig fonts-dejavu-core)
if ((${#compose_missing[@]})); then
    log "installing ${compose_missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${compose_missing[@]}" >&2
fi

compose_pom="<project xmlns=\"http://maven.apache.org/POM/4.0.0\">
  <modelVersion>4.0.0</modelVersion>
  <groupId>app.tournee</groupId>
  <artifactId>compose-deps</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.jetbrains.compose.material3</groupId>
      <artifactId>material3-desktop</artifactId>
      <version>$compose_version</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.compose.ui</groupId>
      <artifactId>ui-test-desktop</artifactId>
      <version>$compose_version</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.skiko</groupId>
      <artifactId>skiko-awt-runtime-linux-x64</artifactId>
      <version>$skiko_version</version>
    </dependency>
  </dependencies>
</project>"
# A change of the list above fetches into a new folder.
compose_dir=$tournee_cache/compose-$compose_version-$(sha256sum <<<"$compose_pom" | cut -c1-8)
if [[ ! -f $compose_dir/complete ]]; then
    log "fetching Compose Multiplatform $compose_version from Maven Central"
    rm -rf "$compose_dir"
    mkdir -p "$compose_dir"
    printf '%s\n' "$compose_pom" >"$compose_dir/pom.xml"
    # Kotlin's stdlib and coroutines come from the Kotlin compiler (the same coroutines, 1.8.0).
    mvn -q -B -f "$compose_dir/pom.xml" -Dmaven.repo.local="$tournee_cache/m2" \
        dependency:copy-dependencies -DoutputDirectory="$compose_dir/lib" \
        -DexcludeArtifactIds=kotlin-stdlib,kotlin-stdlib-common,kotlin-stdlib-jdk7,kotlin-stdlib-jdk8,kotlinx-coroutines-core,kotlinx-coroutines-core-jvm >&2
    touch "$compose_dir/complete"
fi
compose_classpath=$(find "$compose_dir/lib" -name '*.jar' | sort | paste -sd:)
