// swift-tools-version:6.0
// TourneeKit: the core's Swift bindings and the view models the SwiftUI screens draw.
// `Generated/` holds the uniffi output: scripts/test-swift.sh writes it on Linux (the C header with
// a module map linking libtournee_core.so); on a Mac the README's steps write the same Swift file
// and an XCFramework of the core built for iOS, which this manifest then uses instead.
import Foundation
import PackageDescription

let xcframework = "Generated/TourneeCoreFFI.xcframework"
let coreLibrary: Target = FileManager.default.fileExists(atPath: "\(Context.packageDirectory)/\(xcframework)")
    ? .binaryTarget(name: "TourneeCoreFFI", path: xcframework)
    // The C header and module map of libtournee_core.
    : .systemLibrary(name: "TourneeCoreFFI", path: "Generated/TourneeCoreFFI")

let package = Package(
    name: "TourneeKit",
    // @Observable needs iOS 17 / macOS 14.
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "TourneeKit", targets: ["TourneeKit"]),
    ],
    targets: [
        coreLibrary,
        // The generated Swift bindings, as uniffi writes them (Swift 5 mode: uniffi's own code).
        .target(name: "TourneeCore", dependencies: ["TourneeCoreFFI"], path: "Generated/TourneeCore",
                swiftSettings: [.swiftLanguageMode(.v5)]),
        // A symbol Debian's libswiftObservation.so lacks (see its source); Linux only.
        .target(name: "ObservationLinuxShim", path: "Sources/ObservationLinuxShim"),
        // The view models: Swift 6 strict concurrency, data races are compile errors.
        .target(name: "TourneeKit",
                dependencies: ["TourneeCore", .target(name: "ObservationLinuxShim", condition: .when(platforms: [.linux]))],
                path: "Sources/TourneeKit"),
        // The tests drive the view models from the main actor over a shared test team (Swift 5 mode).
        .testTarget(name: "TourneeKitTests", dependencies: ["TourneeKit"], path: "Tests/TourneeKitTests",
                    swiftSettings: [.swiftLanguageMode(.v5)]),
    ],
    swiftLanguageModes: [.v6]
)
