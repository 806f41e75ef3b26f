import Foundation
import ParleyEngine
import ParleyLanguage
import ParleyScenarios
@testable import ParleyStore
import Testing

@Suite struct ResultStoreTests {
    @Test(.enabled(if: Backend.postgresURL != nil,
                   "PostgreSQL not tested: set PARLEY_TEST_POSTGRES_URL=$(Tests/store/start-postgres.sh) to test it"))
    func postgreSQLIsTestedWhenATestServerIsGiven() {
        #expect(Backend.testable.contains(.postgres))
    }

    // MARK: Experiments

    @Test(arguments: Backend.testable)
    func registeringTheSameExperimentAgainIsANoOp(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let first = fixture.record()
        // A resumed or sharded run registers again later, from another command line.
        let again = fixture.record(id: first.id, createdAt: "2025-02-01T08:00:00Z", commandLine: "parley sweep --resume pd.yaml")
        try await withStore(backend) { store in
            try await store.register(first)
            try await store.register(again)
            #expect(try await store.experiments() == [first])
            #expect(try await store.rowCounts()["points"] == first.points.count)
        }
    }

    @Test(arguments: Backend.testable)
    func aDifferentDefinitionUnderAnExistingIdIsAnError(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let first = fixture.record()
        try await withStore(backend) { store in
            try await store.register(first)
            await #expect(throws: StoreError.conflictingDefinition(id: first.id, fields: ["seed"])) {
                try await store.register(fixture.record(id: first.id, seed: 12))
            }
            #expect(try await store.experiment(id: first.id) == first)
        }
    }

    @Test(arguments: Backend.testable)
    func experimentsComeNewestFirst(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let older = fixture.record(createdAt: "2025-01-01T00:00:00Z")
        let newer = fixture.record(createdAt: "2025-03-01T00:00:00Z")
        try await withStore(backend) { store in
            try await store.register(older)
            try await store.register(newer)
            #expect(try await store.experiments().map(\.id) == [newer.id, older.id])
        }
    }

    @Test(arguments: Backend.testable)
    func anExperimentIsFoundByAUniquePrefixOfItsId(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record(id: "3f9a0c77e1")
        try await withStore(backend) { store in
            try await store.register(experiment)
            #expect(try await store.experiment(id: "3f9a") == experiment)
            #expect(try await store.experiment(id: "3f9a0c77e1") == experiment)
            #expect(try await store.experiment(id: "4") == nil)
        }
    }

    @Test(arguments: Backend.testable)
    func anAmbiguousPrefixIsAnError(_ backend: Backend) async throws {
        let fixture = try Fixture()
        try await withStore(backend) { store in
            try await store.register(fixture.record(id: "ab01"))
            try await store.register(fixture.record(id: "ab02"))
            await #expect(throws: StoreError.ambiguousPrefix("ab", matches: ["ab01", "ab02"])) {
                try await store.experiment(id: "ab")
            }
        }
    }

    // MARK: Blocks

    @Test(arguments: Backend.testable)
    func storedBlocksComeBackSortedAndEqualToTheOriginals(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record()
        let blocks = try await fixture.blocks()
        try #require(blocks.count == 4)
        #expect(blocks.allSatisfy { $0.arms.allSatisfy { !$0.runValues.isEmpty } })
        try await withStore(backend) { store in
            try await store.register(experiment)
            for block in blocks.reversed() { try await store.store(block, experiment: experiment.id, point: 0) }
            let stored = try await store.blocks(experiment: experiment.id, point: 0)
            #expect(stored.map(\.index) == [0, 1, 2, 3])
            #expect(stored == blocks)  // summaries from the blocks table, run values from the runs table
        }
    }

    @Test(arguments: Backend.testable)
    func runValuesAreStoredUnderAbsoluteRunIndices(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record()
        let blocks = try await fixture.blocks()
        try await withStore(backend) { store in
            try await store.register(experiment)
            try await store.store(blocks[3], experiment: experiment.id, point: 0)
            let runs = try await testQuery(store, "SELECT DISTINCT run FROM runs ORDER BY run")
            #expect(runs.map { $0[0] } == ["48", "49"])  // block 3 of 16-run blocks: runs 48 and 49
        }
    }

    @Test(arguments: Backend.testable)
    func blocksWithoutRunValuesComeBackWithoutThem(_ backend: Backend) async throws {
        let fixture = try Fixture(keepsRunValues: false)
        let experiment = fixture.record()
        let blocks = try await fixture.blocks()
        try await withStore(backend) { store in
            try await store.register(experiment)
            for block in blocks { try await store.store(block, experiment: experiment.id, point: 1) }
            #expect(try await store.blocks(experiment: experiment.id, point: 1) == blocks)
            #expect(try await store.rowCounts()["runs"] == 0)
        }
    }

    @Test(arguments: Backend.testable)
    func storingABlockTwiceChangesNothing(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record()
        let blocks = try await fixture.blocks()
        try await withStore(backend) { store in
            try await store.register(experiment)
            for block in blocks { try await store.store(block, experiment: experiment.id, point: 0) }
            let counts = try await store.rowCounts()
            #expect(counts["blocks"] == 4)
            #expect(counts["runs"] == Fixture.runs * 2 * fixture.scenario.metrics.count)
            try await store.store(blocks[1], experiment: experiment.id, point: 0)
            try await store.store(blocks[3], experiment: experiment.id, point: 0)
            #expect(try await store.rowCounts() == counts)
            #expect(try await store.blocks(experiment: experiment.id, point: 0) == blocks)
        }
    }

    @Test(arguments: Backend.testable)
    func storedBlocksNamesTheBlocksOfOnePoint(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record()
        let blocks = try await fixture.blocks()
        try await withStore(backend) { store in
            try await store.register(experiment)
            #expect(try await store.storedBlocks(experiment: experiment.id, point: 0).isEmpty)
            try await store.store(blocks[0], experiment: experiment.id, point: 0)
            try await store.store(blocks[2], experiment: experiment.id, point: 0)
            try await store.store(blocks[1], experiment: experiment.id, point: 1)
            #expect(try await store.storedBlocks(experiment: experiment.id, point: 0) == [0, 2])
            #expect(try await store.storedBlocks(experiment: experiment.id, point: 1) == [1])
        }
    }

    @Test(arguments: Backend.testable)
    func seriesSummariesSurviveTheRoundTrip(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let text = try #require(ShippedScenarios.text(named: "richardson"))
        let scenario = try ScenarioLoader().load(text: text, file: "richardson.yaml")
        let simulation = Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: 5))
        let options = EnsembleOptions(runs: 12, blockSize: 8, keepsRunValues: true)
        var blocks: [BlockResult] = []
        try await Ensemble.runBlocks([simulation], blocks: [0, 1], options: options) { blocks.append($0) }
        try #require(blocks.contains { $0.arms[0].series.contains { !$0.isEmpty } })
        var experiment = fixture.record()
        experiment.runs = 12
        experiment.blockSize = 8
        experiment.metrics = scenario.metrics.map(\.name)
        try await withStore(backend) { store in
            try await store.register(experiment)
            for block in blocks { try await store.store(block, experiment: experiment.id, point: 0) }
            #expect(try await store.blocks(experiment: experiment.id, point: 0) == blocks)
        }
    }

    @Test(arguments: Backend.testable)
    func nanAndInfinitySurviveTheRoundTrip(_ backend: Backend) async throws {
        let fixture = try Fixture(runs: 3, blockSize: 3)
        var block = try #require(try await fixture.blocks().first)
        // Outcomes a model can produce: a ratio over zero, an undefined value.
        block.arms[1].runValues[0][0] = .nan
        block.arms[1].runValues[1][0] = .infinity
        block.arms[1].metrics[0].add(.nan)
        block.arms[1].metrics[1].add(-.infinity)
        let experiment = fixture.record()
        try await withStore(backend) { store in
            try await store.register(experiment)
            try await store.store(block, experiment: experiment.id, point: 0)
            let stored = try #require(try await store.blocks(experiment: experiment.id, point: 0).first)
            #expect(stored.arms[1].runValues[0][0].isNaN)
            #expect(stored.arms[1].runValues[1][0] == .infinity)
            #expect(stored.arms[1].metrics[0].mean.isNaN)
            #expect(stored.arms[1].metrics[1].minimum == -.infinity)
            #expect(stored.arms[0] == block.arms[0])
        }
    }

    @Test(arguments: Backend.testable)
    func storingABlockOfAnUnregisteredExperimentIsAnError(_ backend: Backend) async throws {
        let block = try #require(try await Fixture(runs: 4, blockSize: 4).blocks().first)
        try await withStore(backend) { store in
            await #expect(throws: StoreError.unknownExperiment("missing")) {
                try await store.store(block, experiment: "missing", point: 0)
            }
        }
    }

    @Test(arguments: Backend.testable)
    func aBlockOutsideTheExperimentIsAnError(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record()
        var block = try #require(try await fixture.blocks().first)
        block.index = 4  // 50 runs in blocks of 16 make blocks 0...3
        try await withStore(backend) { store in
            try await store.register(experiment)
            await #expect(throws: StoreError.self) { try await store.store(block, experiment: experiment.id, point: 0) }
            #expect(try await store.rowCounts()["blocks"] == 0)
        }
    }

    @Test(arguments: Backend.testable)
    func concurrentWritersLoseNothing(_ backend: Backend) async throws {
        let fixture = try Fixture(runs: 160, blockSize: 10)
        let experiment = fixture.record()
        let blocks = try await fixture.blocks()
        try await withStore(backend) { store in
            try await store.register(experiment)
            // Four writers, each storing every fourth block of both points; block 0 is written by all.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for block in blocks where block.index % 4 == writer || block.index == 0 {
                            for point in 0..<2 { try await store.store(block, experiment: experiment.id, point: point) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let counts = try await store.rowCounts()
            #expect(counts["blocks"] == 2 * 16)
            #expect(counts["runs"] == 2 * 160 * 2 * fixture.scenario.metrics.count)
            #expect(try await store.blocks(experiment: experiment.id, point: 1) == blocks)
        }
    }

    // MARK: Summaries

    @Test(arguments: Backend.testable)
    func summariesOfAPointAreReplaced(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record()
        let blocks = try await fixture.blocks()
        let partial = fixture.summaryRows(of: Array(blocks.prefix(2)), experiment: experiment.id, point: 0)
        let complete = fixture.summaryRows(of: blocks, experiment: experiment.id, point: 0)
        let other = fixture.summaryRows(of: blocks, experiment: experiment.id, point: 1)
        try await withStore(backend) { store in
            try await store.register(experiment)
            try await store.storeSummaries(other, experiment: experiment.id)
            try await store.storeSummaries(partial, experiment: experiment.id)
            try await store.storeSummaries(complete, experiment: experiment.id)
            try await store.storeSummaries(complete, experiment: experiment.id)
            let stored = try await store.summaries(experiment: experiment.id)
            #expect(stored == sorted(complete + other))
            #expect(stored.contains { $0.difference != nil && $0.differenceLower != nil })
        }
    }

    @Test(arguments: Backend.testable)
    func aSummaryRowOfAnotherExperimentIsAnError(_ backend: Backend) async throws {
        let fixture = try Fixture()
        let experiment = fixture.record()
        let rows = fixture.summaryRows(of: try await fixture.blocks(), experiment: "other", point: 0)
        try await withStore(backend) { store in
            await #expect(throws: StoreError.mismatchedSummary(experiment: experiment.id, row: "other")) {
                try await store.storeSummaries(rows, experiment: experiment.id)
            }
        }
    }

    private func sorted(_ rows: [SummaryRow]) -> [SummaryRow] {
        rows.sorted { ($0.point, $0.arm, $0.metric) < ($1.point, $1.arm, $1.metric) }
    }
}

/// Runs raw SQL on either store (through their internal test hooks).
func testQuery(_ store: any ResultStore, _ sql: String) async throws -> [[String?]] {
    if let sqlite = store as? SQLiteResultStore { return try await sqlite.query(sql) }
    let postgres = try #require(store as? PostgresResultStore)
    return try await postgres.query(sql)
}
