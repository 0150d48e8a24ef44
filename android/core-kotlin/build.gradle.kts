// The presenters (plain Kotlin, no Android import) and the generated uniffi bindings they call.
// JNA is compileOnly here: the app brings its Android build (an AAR with the native dispatch).
plugins {
    id("org.jetbrains.kotlin.jvm")
}

kotlin {
    jvmToolchain(17)
}

val bindings = rootProject.file(providers.gradleProperty("tournee.bindings").get()).resolve("kotlin")

sourceSets {
    main {
        kotlin.srcDir(bindings)
    }
    // The tests need a sync server and the desktop library: scripts/test-kotlin.sh runs them.
    test {
        kotlin.setSrcDirs(emptyList<String>())
    }
}

dependencies {
    compileOnly("net.java.dev.jna:jna:5.17.0")
    api("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.10.2")
}

tasks.named("compileKotlin") {
    doFirst {
        check(bindings.resolve("app/tournee/core").isDirectory) {
            "No Kotlin bindings in $bindings: run scripts/build-bindings.sh first (see the README)."
        }
    }
}
