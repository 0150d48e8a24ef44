// The APK: the Compose screens of src/main/kotlin (the same sources scripts/test-android-ui.sh
// compiles for the JVM desktop), MainActivity with the platform's glue, and the core's native
// library for each device ABI in src/main/jniLibs (built by the cargoNdk task below).
plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
    id("org.jetbrains.kotlin.plugin.compose")
}

android {
    namespace = "app.tournee.android"
    compileSdk = 35

    defaultConfig {
        applicationId = "app.tournee"
        minSdk = 26 // java.time everywhere
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        ndk {
            abiFilters += listOf("arm64-v8a", "x86_64")
        }
    }

    buildTypes {
        release {
            isMinifyEnabled = false
        }
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    buildFeatures {
        compose = true
    }
    sourceSets {
        // Android-only glue (MainActivity, the camera) lives apart from src/main/kotlin, which the
        // JVM desktop build here compiles too.
        getByName("main").kotlin.srcDir("src/android/kotlin")
        // The UI tests use Compose's desktop test API and a real sync server: they run on the JVM
        // through scripts/test-android-ui.sh, not as Android unit tests.
        getByName("test").java.setSrcDirs(emptyList<String>())
        getByName("test").kotlin.setSrcDirs(emptyList<String>())
    }
    packaging {
        jniLibs.useLegacyPackaging = false
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    implementation(project(":core-kotlin"))
    // JNA for Android: the AAR carries libjnidispatch.so for each ABI.
    implementation("net.java.dev.jna:jna:5.17.0@aar")
    implementation(platform("androidx.compose:compose-bom:2025.06.00"))
    implementation("androidx.compose.material3:material3")
    implementation("androidx.compose.ui:ui")
    implementation("androidx.activity:activity-compose:1.10.1")
    // Reads a badge's QR code with the camera (ZXing, from Maven Central).
    implementation("com.journeyapps:zxing-android-embedded:4.3.0")
}

// The core for each device ABI, into src/main/jniLibs (needs `cargo install cargo-ndk` and the NDK:
// ANDROID_NDK_HOME). Run by hand (`./gradlew :app:cargoNdk`) or let preBuild run it.
val cargoNdk by tasks.registering(Exec::class) {
    workingDir = rootProject.file("..")
    commandLine(
        "cargo", "ndk", "-t", "arm64-v8a", "-t", "x86_64", "-o", project.file("src/main/jniLibs").path,
        "build", "--release", "-p", "tournee-core", "--features", "ffi",
    )
}
tasks.named("preBuild") { dependsOn(cargoNdk) }
