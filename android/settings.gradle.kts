// The Android app's Gradle build, for a machine with the Android SDK and NDK (see the README:
// "Building the APK"). The presenters and screens are also compiled and tested without Gradle on
// the JVM by scripts/test-kotlin.sh and scripts/test-android-ui.sh.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "tournee-android"
include(":core-kotlin", ":app")
