import Foundation
import ParleyEngine
import ParleyLanguage
@testable import ParleyStore
import ParleyScenarios
import Testing

/// The stores under test: SQLite always, PostgreSQL when `PARLEY_TEST_POSTGRES_URL` names a server
/// (start one with Tests/store/start-postgres.sh).
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static let postgresURL: String? = {
        let url = ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"] ?? ""
        return url.isEmpty ? nil : url
    }()

    /// The backends this machine can test.
    static let testable: [Backend] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]

    var testDescription: String { rawValue }
}

/// A fresh, empty store: an SQLite file in a new temporary folder, or a new PostgreSQL database on
/// the test server, so that tests running in parallel never see each other's rows.
struct TestStore: Sendable {
    let store: any ResultStore
    private let cleanUp: @Sendable () async -> Void

    static func make(_ backend: Backend) async throws -> TestStore {
        let name = "parley_test_\(UUID().uuidString.prefix(8).lowercased())"
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try await ResultStores.open(folder.appendingPathComponent("parley.sqlite").path)
            return TestStore(store: store) { try? FileManager.default.removeItem(at: folder) }
        case .postgres:
            let url = try #require(Backend.postgresURL)
            let admin = try await PostgresResultStore.open(url: url)
            _ = try await admin.query("CREATE DATABASE \(name)")
            var components = try #require(URLComponents(string: url))
            components.path = "/" + name
            let store = try await ResultStores.open(try #require(components.string))
            return TestStore(store: store) {
                _ = try? await admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                try? await admin.close()
            }
        }
    }

    /// Closes the store and deletes its file or database.
    func finish() async throws {
        try await store.close()
        await cleanUp()
    }
}

/// Runs `body` with a fresh store of `backend`, then closes and deletes it.
func withStore(_ backend: Backend, _ body: (any ResultStore) async throws -> Void) async throws {
    let test = try await TestStore.make(backend)
    do {
        try await body(test.store)
    } catch {
        try? await test.finish()
        throw error
    }
    try await test.finish()
}

/// A small real experiment: the prisoner's dilemma, row playing tit-for-tat against always-defect,
/// column random, 50 runs in blocks of 16 (the last block holds 2), with per-run values kept.
struct Fixture: Sendable {
    static let runs = 50
    static let blockSize = 16

    let scenario: Scenario
    let text: String
    let simulations: [Simulation]
    let options: EnsembleOptions

    init(runs: Int = Fixture.runs, blockSize: Int = Fixture.blockSize, keepsRunValues: Bool = true) throws {
        text = try #require(ShippedScenarios.text(named: "prisoners-dilemma"))
        scenario = try ScenarioLoader().load(text: text, file: "prisoners-dilemma.yaml")
        var base = RunConfiguration(scenario: scenario, seed: 11, samplesUncertainParameters: true)
        try base.choosePolicy("random", forActor: "column", in: scenario)
        var simulations: [Simulation] = []
        for policy in ["tit_for_tat", "always_defect"] {
            var configuration = base
            try configuration.choosePolicy(policy, forActor: "row", in: scenario)
            simulations.append(Simulation(scenario: scenario, configuration: configuration))
        }
        self.simulations = simulations
        options = EnsembleOptions(runs: runs, blockSize: blockSize, keepsRunValues: keepsRunValues)
    }

    /// Every block, in index order.
    func blocks() async throws -> [BlockResult] {
        var blocks: [BlockResult] = []
        try await Ensemble.runBlocks(simulations, blocks: Array(0..<options.blockCount), options: options) { blocks.append($0) }
        return blocks
    }

    /// The experiment's record; `id` defaults to a fresh one so that tests never share experiments.
    func record(id: String = "pd-" + UUID().uuidString.lowercased(), seed: UInt64 = 11,
                createdAt: String = "2025-01-31T12:00:00Z", commandLine: String = "parley sweep pd.yaml") -> ExperimentRecord {
        ExperimentRecord(
            id: id, name: "tit-for-tat against always-defect", scenario: scenario.name, scenarioFile: "prisoners-dilemma.yaml",
            scenarioText: text, commandLine: commandLine, version: "0.1.0-test", seed: seed, runs: options.runs,
            blockSize: options.blockSize, metrics: scenario.metrics.map(\.name), keepsRunValues: options.keepsRunValues,
            keepsSeries: true,
            points: [
                PointRecord(index: 0, label: "noise=0", parameters: ["implementation_noise": 0], arms: [
                    ArmRecord(index: 0, name: "tit_for_tat", policies: ["row": "tit_for_tat", "column": "random"]),
                    ArmRecord(index: 1, name: "always_defect", policies: ["row": "always_defect", "column": "random"]),
                ]),
                PointRecord(index: 1, label: "noise=0.05", parameters: ["implementation_noise": 0.05], arms: [
                    ArmRecord(index: 0, name: "tit_for_tat", policies: ["row": "tit_for_tat", "column": "random"]),
                    ArmRecord(index: 1, name: "always_defect", policies: ["row": "always_defect", "column": "random"]),
                ]),
            ],
            createdAt: createdAt)
    }

    /// The summary rows of point `point`, from `blocks` merged in index order.
    func summaryRows(of blocks: [BlockResult], experiment: String, point: Int) -> [SummaryRow] {
        var merged = BlockResult(index: 0, simulations: simulations)
        for block in blocks.sorted(by: { $0.index < $1.index }) { merged.merge(block) }
        let names = ["tit_for_tat", "always_defect"]
        return merged.arms.indices.flatMap { arm in
            scenario.metrics.indices.map { metric in
                SummaryRow(experiment: experiment, point: point, arm: arm, armName: names[arm],
                           metric: scenario.metrics[metric].name, summary: merged.arms[arm].metrics[metric],
                           difference: arm == 0 ? nil : merged.differences[arm][metric])
            }
        }
    }
}
