// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "suyuan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "suyuan", targets: ["suyuan"]),
        .library(name: "Identifiers", targets: ["Identifiers"]),
        .library(name: "EPCIS", targets: ["EPCIS"]),
        .library(name: "Storage", targets: ["Storage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "Identifiers", swiftSettings: strict),
        .target(name: "EPCIS", dependencies: ["Identifiers"], swiftSettings: strict),
        .target(name: "Storage", dependencies: ["EPCIS", "Identifiers", "Transparency"], swiftSettings: strict),
        .target(name: "DemoChains", dependencies: ["EPCIS", "Identifiers"], swiftSettings: strict),
        .target(name: "TraceEngine", dependencies: ["EPCIS", "Identifiers"], swiftSettings: strict),
        .target(name: "Web", dependencies: ["EPCIS", "Identifiers", "TraceEngine"], swiftSettings: strict),
        .target(name: "StorageTesting", dependencies: ["Storage", "EPCIS", "Transparency"], swiftSettings: strict),
        .target(
            name: "Transparency",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "StorageSQLite",
            dependencies: [
                "Storage", "EPCIS", "Identifiers", "Transparency", "TraceEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "StoragePostgres",
            dependencies: [
                "Storage", "EPCIS", "Identifiers", "Transparency", "TraceEngine",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "suyuan",
            dependencies: [
                "Identifiers",
                "EPCIS",
                "Transparency",
                "Storage",
                "StorageSQLite",
                "TraceEngine",
                "DemoChains",
                "StoragePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IdentifiersTests", dependencies: ["Identifiers"], exclude: ["Oracle/oracle.py"], swiftSettings: strict
        ),
        .testTarget(name: "EPCISTests", dependencies: ["EPCIS", "Identifiers"], swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "StorageTesting", "EPCIS"], swiftSettings: strict),
        .testTarget(name: "DemoChainsTests", dependencies: ["DemoChains", "EPCIS"], swiftSettings: strict),
        .testTarget(
            name: "TraceEngineTests", dependencies: ["TraceEngine", "DemoChains", "EPCIS"], swiftSettings: strict
        ),
        .testTarget(name: "TransparencyTests", dependencies: ["Transparency"], swiftSettings: strict),
        .testTarget(
            name: "StorageSQLiteTests",
            dependencies: [
                "StorageSQLite", "StorageTesting", "Storage", "EPCIS", "TraceEngine", "DemoChains", "Transparency",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StoragePostgresTests",
            dependencies: ["StoragePostgres", "StorageTesting", "Storage", "EPCIS", "Transparency", "TraceEngine"],
            swiftSettings: strict
        ),
        .testTarget(name: "WebTests", dependencies: ["Web", "TraceEngine", "EPCIS"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
