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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "Identifiers", swiftSettings: strict),
        .target(
            name: "EPCIS", dependencies: ["Identifiers", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(
            name: "Storage", dependencies: ["EPCIS", "Identifiers", "Transparency", "CSuyuanZlib", "CSuyuanZstd"],
            swiftSettings: strict),
        .target(name: "DemoChains", dependencies: ["EPCIS", "Identifiers"], swiftSettings: strict),
        .target(name: "TraceEngine", dependencies: ["EPCIS", "Identifiers"], swiftSettings: strict),
        .target(
            name: "Web",
            dependencies: [
                "EPCIS", "Identifiers", "TraceEngine", .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates"), .copy("Catalogs")],
            swiftSettings: strict
        ),
        .target(
            name: "Federation", dependencies: ["EPCIS", "Identifiers", "Storage", "Transparency", "TraceEngine"],
            swiftSettings: strict
        ),
        .target(
            name: "Exchange",
            dependencies: [
                "EPCIS", "Identifiers", "Storage", "TraceEngine",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "StorageTesting", dependencies: ["Storage", "EPCIS", "Transparency", "TraceEngine", "DemoChains"],
            swiftSettings: strict
        ),
        .target(
            name: "Transparency",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // zlib (Debian zlib1g-dev): the stores' event bodies of format 1 (docs/decisions/0026-compact-sqlite.md).
        .systemLibrary(name: "CSuyuanZlib", path: "Sources/CSuyuanZlib"),
        // Zstandard (Debian libzstd-dev): the stores' compressed event bodies, format 2 (Storage, EventBodyCodec).
        .systemLibrary(name: "CSuyuanZstd", path: "Sources/CSuyuanZstd"),
        .target(
            name: "StorageSQLite",
            dependencies: [
                "Storage", "EPCIS", "Identifiers", "Transparency", "TraceEngine", "CSuyuanZlib",
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
        .target(
            name: "Server",
            dependencies: [
                "Identifiers", "EPCIS", "Storage", "TraceEngine", "Transparency", "Web", "DemoChains", "Federation",
                "Exchange",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
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
                "Server",
                "Federation",
                "Exchange",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IdentifiersTests", dependencies: ["Identifiers", "TestSupport"], exclude: ["Oracle/oracle.py"], swiftSettings: strict
        ),
        .testTarget(name: "EPCISTests", dependencies: ["EPCIS", "Identifiers", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "StorageTests", dependencies: ["Storage", "StorageTesting", "EPCIS", "Identifiers", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "DemoChainsTests", dependencies: ["DemoChains", "EPCIS"], swiftSettings: strict),
        .testTarget(
            name: "TraceEngineTests", dependencies: ["TraceEngine", "DemoChains", "EPCIS", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ExchangeTests",
            dependencies: ["Exchange", "EPCIS", "Identifiers", "Storage", "TraceEngine", "DemoChains", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "TransparencyTests", dependencies: ["Transparency"], swiftSettings: strict),
        .testTarget(
            name: "FederationTests",
            dependencies: ["Federation", "Storage", "StorageSQLite", "EPCIS", "Transparency", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StorageSQLiteTests",
            dependencies: [
                "StorageSQLite", "StorageTesting", "Storage", "EPCIS", "TraceEngine", "DemoChains", "Transparency",
                "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StoragePostgresTests",
            dependencies: [
                "StoragePostgres", "StorageTesting", "Storage", "EPCIS", "Transparency", "TraceEngine", "DemoChains",
                "TestSupport",
            ],
            swiftSettings: strict
        ),
        .target(name: "BrowserTesting", swiftSettings: strict),
        .target(name: "TestSupport", swiftSettings: strict),
        .testTarget(
            name: "WebTests", dependencies: ["Web", "BrowserTesting", "TraceEngine", "EPCIS", "TestSupport"], swiftSettings: strict
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Storage", "StorageSQLite", "StoragePostgres", "EPCIS", "TraceEngine", "DemoChains", "Web",
                "Transparency", "BrowserTesting", "TestSupport", "Exchange",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Federation/epcis_standin.py"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
