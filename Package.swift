// swift-tools-version: 6.0
// Lumascan: a barcode and QR-code scanner runtime for Raspberry Pi class boards.
// Swift 6.0.3 (Pi OS trixie) to 6.3 must build this manifest: keep the tools version at 6.0.

import PackageDescription

/// The decoders keep their per-frame state in final classes whose stored properties are passed
/// `inout` millions of times a second; Swift's run-time exclusivity checks on them (a thread-local
/// access set per access) cost 5–6 % of a frame. The decoders are single-threaded by contract (one
/// reader per thread) and their accesses are checked statically, so the dynamic checks go.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "Lumascan",
    products: [
        .executable(name: "lumascan", targets: ["lumascan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: Decoders (pure: no I/O, no global state, nothing allocated per frame)
        .target(name: "Imaging", swiftSettings: hotPath),
        .target(name: "Symbols", dependencies: ["Imaging"], swiftSettings: hotPath),
        .target(name: "QRCode", dependencies: ["Imaging", "Symbols"], swiftSettings: hotPath),
        .target(name: "LinearCodes", dependencies: ["Imaging", "Symbols"], swiftSettings: hotPath),
        .target(name: "Decoding", dependencies: ["Imaging", "Symbols", "QRCode", "LinearCodes"], swiftSettings: hotPath),

        // MARK: Devices: frame sources, feedback and trigger lines, serial ports
        // Linux headers Glibc does not import (signalfd, timerfd, openpty, TIOCOUTQ): headers only.
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
        // libv4l2 (camera) and libgpiod 1.6 or 2.x (GPIO), each behind a header-only C shim.
        .systemLibrary(name: "CV4L2", pkgConfig: "libv4l2", providers: [.apt(["libv4l-dev"])]),
        .systemLibrary(name: "CGPIOD", pkgConfig: "libgpiod", providers: [.apt(["libgpiod-dev"])]),
        .target(name: "Capture", dependencies: ["Imaging", "ImageFiles", "CLinux", "CV4L2"]),
        .target(name: "Hardware", dependencies: ["CLinux", "CGPIOD"]),

        // MARK: The scanner: scan loop, policy, output encoders, configuration
        .target(name: "Runtime", dependencies: ["Capture", "Hardware", "Decoding", "Symbols", "Imaging", "CLinux"]),

        // MARK: Image files for `lumascan decode` (not on the frame path)
        .target(
            name: "CImageCodecs",
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg")]
        ),
        .target(name: "ImageFiles", dependencies: ["Imaging", "CImageCodecs"]),

        // MARK: The command
        .executableTarget(
            name: "lumascan",
            dependencies: [
                "Decoding", "ImageFiles", "QRCode", "Runtime", "Capture", "Hardware", "Symbols",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Measurement
        // Counts heap allocations of the calling thread (interposes malloc and friends).
        .target(name: "MallocCounter", path: "Tests/MallocCounter"),
        .executableTarget(
            name: "lumascan-bench",
            dependencies: ["Decoding", "ImageFiles", "MallocCounter"],
            path: "Benchmarks/lumascan-bench"
        ),

        .executableTarget(
            name: "lumascan-loop-bench",
            dependencies: ["Runtime", "Capture", "Hardware", "Decoding", "Imaging", "ImageFiles", "CLinux", "MallocCounter"],
            path: "Benchmarks/lumascan-loop-bench"
        ),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["Imaging", "Symbols", "QRCode", "ImageFiles"], path: "Tests/TestSupport"),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TestSupport"]),
        .testTarget(name: "SymbolsTests", dependencies: ["Symbols", "Imaging", "TestSupport", "MallocCounter"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "Imaging", "Symbols", "TestSupport", "MallocCounter"]),
        .testTarget(
            name: "LinearCodesTests",
            dependencies: ["LinearCodes", "Imaging", "Symbols", "TestSupport", "MallocCounter"]
        ),
        .testTarget(name: "ImageFilesTests", dependencies: ["ImageFiles", "Imaging", "TestSupport"]),
        // Depends on the executable so that SwiftPM builds it; the tests run it as a process.
        .testTarget(name: "LumascanCLITests", dependencies: ["lumascan"]),
        .testTarget(
            name: "DecodingTests",
            dependencies: ["Decoding", "Imaging", "Symbols", "ImageFiles", "TestSupport", "MallocCounter"]
        ),
        .testTarget(name: "DeviceDriverTests", dependencies: ["Capture", "Hardware", "Imaging", "MallocCounter"]),
        .testTarget(
            name: "RuntimeTests",
            dependencies: ["Runtime", "Capture", "Hardware", "Decoding", "Imaging", "Symbols", "ImageFiles", "CLinux",
                           "TestSupport", "MallocCounter"]
        ),
    ]
)
