// swift-tools-version:5.10
// TourneeKit: the core's Swift bindings and the view models the SwiftUI screens draw.
// `Generated/` is written by scripts/test-swift.sh from scripts/build-bindings.sh's output (on a
// Mac, the same generated files go in before `swift build`; see the README).
import PackageDescription

let package = Package(
    name: "TourneeKit",
    platforms: [.iOS(.v16), .macOS(.v13)],
    products: [
        .library(name: "TourneeKit", targets: ["TourneeKit"]),
    ],
    targets: [
        // The C header and module map of libtournee_core.
        .systemLibrary(name: "TourneeCoreFFI", path: "Generated/TourneeCoreFFI"),
        // The generated Swift bindings.
        .target(name: "TourneeCore", dependencies: ["TourneeCoreFFI"], path: "Generated/TourneeCore"),
        .target(name: "TourneeKit", dependencies: ["TourneeCore"], path: "Sources/TourneeKit"),
        .testTarget(name: "TourneeKitTests", dependencies: ["TourneeKit"], path: "Tests/TourneeKitTests"),
    ]
)
