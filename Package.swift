// swift-tools-version: 6.0
// Parley: a simulator for reciprocal diplomacy.
//
// Data flows one way: scenario file → language → engine → analysis → outputs.
// Each library target depends only on the stages before it; heavy dependencies
// stay out of the core so that `swift test` on the core builds fast.
import PackageDescription

let package = Package(
    name: "Parley",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyLanguage", targets: ["ParleyLanguage"]),
        .library(name: "ParleyEngine", targets: ["ParleyEngine"]),
        .library(name: "ParleyGames", targets: ["ParleyGames"]),
        .library(name: "ParleyAnalysis", targets: ["ParleyAnalysis"]),
        .library(name: "ParleyBargaining", targets: ["ParleyBargaining"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Random generators, distributions and streaming statistics shared by every stage.
        .target(name: "ParleyNumerics"),
        // YAML + expression language → a checked, compiled Scenario (value types).
        // Built-in strategies (`builtin: tit_for_tat`) are checked against the games catalogue.
        .target(name: "ParleyLanguage", dependencies: ["ParleyGames", .product(name: "Yams", package: "Yams")]),
        // Repeated 2×2 games: strategies, matches, tournaments, Moran processes.
        .target(name: "ParleyGames", dependencies: ["ParleyNumerics"]),
        // Runs a compiled Scenario: state, generator, steps, policies, events; the hot path.
        // Optimised in debug builds too: the Monte Carlo loop is 4–6× faster, with bit-identical
        // results (IEEE arithmetic in the same order), so tests, calibrations and CI's backtest
        // check run in a fraction of the time while everything else keeps fast debug builds.
        .target(name: "ParleyEngine", dependencies: ["ParleyLanguage", "ParleyNumerics", "ParleyGames"],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Experiments on top of ensembles: paired policy comparison, and the paper's claims.
        .target(name: "ParleyAnalysis", dependencies: ["ParleyEngine", "ParleyLanguage", "ParleyNumerics"]),
        // Results: SQLite (embedded default) and PostgreSQL (shared by shards), behind one protocol.
        .target(
            name: "ParleyStore",
            dependencies: [
                "ParleyEngine", "ParleyLanguage", "ParleyNumerics",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Experiments run into a store: sweep points, shards, resumption, reading results back.
        .target(name: "ParleyExperiment", dependencies: ["ParleyAnalysis", "ParleyEngine", "ParleyLanguage", "ParleyStore"]),
        // The shipped scenarios, bundled as resources.
        .target(
            name: "ParleyScenarios",
            path: "Scenarios",
            exclude: ["README.md"],
            resources: [.copy("files")]
        ),
        // The historical record (copies of ../shared/data/dprk to 2021-06-30) and the bargaining
        // tables (data/bargaining, with their sources), bundled as resources.
        .target(
            name: "ParleyData",
            path: "data",
            resources: [.copy("dprk"), .copy("bargaining")]
        ),
        // Multi-actor bargaining forecasts: actor tables, DEU III readers, the compromise, median,
        // Nash, BDM, SMP and fitted models, and their validation. On the numerics only.
        .target(name: "ParleyBargaining", dependencies: ["ParleyNumerics"]),
        // History: checked CSV loaders, observed targets, proper scoring rules and ABC-SMC
        // calibration. Pure Swift on top of the numerics, so its tests build fast.
        .target(name: "ParleyHistory", dependencies: ["ParleyNumerics"]),
        // A history scenario run against the record: statistics, ABC-SMC calibration, backtests.
        .target(name: "ParleyValidation", dependencies: ["ParleyHistory", "ParleyEngine", "ParleyLanguage", "ParleyNumerics"]),
        // Terminal tables, CSV and JSON.
        .target(name: "ParleyReport", dependencies: ["ParleyAnalysis", "ParleyEngine", "ParleyGames", "ParleyHistory", "ParleyValidation"]),
        // The command-line tool: argument parsing and wiring only.
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyLanguage", "ParleyEngine", "ParleyAnalysis", "ParleyGames", "ParleyScenarios", "ParleyReport",
                "ParleyStore", "ParleyExperiment", "ParleyHistory", "ParleyValidation", "ParleyData", "ParleyBargaining",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ParleyNumericsTests",
            dependencies: ["ParleyNumerics", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ParleyLanguageTests",
            dependencies: [
                "ParleyLanguage", "ParleyNumerics", "ParleyScenarios",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ParleyEngineTests",
            dependencies: [
                "ParleyEngine", "ParleyLanguage", "ParleyGames", "ParleyScenarios",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ParleyGamesTests",
            dependencies: ["ParleyGames", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ParleyAnalysisTests",
            dependencies: ["ParleyAnalysis", "ParleyEngine", "ParleyLanguage", "ParleyScenarios"]
        ),
        .testTarget(
            name: "ParleyStoreTests",
            dependencies: ["ParleyStore", "ParleyEngine", "ParleyLanguage", "ParleyNumerics", "ParleyScenarios"]
        ),
        .testTarget(
            name: "ParleyReportTests",
            dependencies: ["ParleyReport", "ParleyAnalysis", "ParleyEngine", "ParleyLanguage", "ParleyScenarios"]
        ),
        .testTarget(
            name: "ParleyExperimentTests",
            dependencies: ["ParleyExperiment", "ParleyStore", "ParleyEngine", "ParleyLanguage", "ParleyScenarios"]
        ),
        .testTarget(
            name: "ParleyHistoryTests",
            dependencies: ["ParleyHistory", "ParleyData", "ParleyNumerics", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "ParleyValidationTests",
            dependencies: ["ParleyValidation", "ParleyHistory", "ParleyData", "ParleyEngine", "ParleyLanguage", "ParleyScenarios"]
        ),
        .testTarget(
            name: "ParleyBargainingTests",
            dependencies: ["ParleyBargaining", "ParleyData", "ParleyNumerics", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "ParleyCLITests", dependencies: ["parley"]),
    ],
    swiftLanguageModes: [.v6]
)
