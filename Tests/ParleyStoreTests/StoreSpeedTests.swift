import Foundation
import ParleyEngine
import ParleyNumerics
@testable import ParleyStore
import Testing

/// How long storing and reading a large block takes: 1,000 runs × 20 metrics = 20,000 `runs` rows
/// in one transaction. Timings are printed; the bound only catches a pathological slowdown
/// (debug builds on a busy two-core machine are several times slower than release).
@Suite struct StoreSpeedTests {
    static let runs = 1_000
    static let metricCount = 20

    /// A one-arm block of `runs` runs of `metricCount` metrics with pseudo-random values.
    static func largeBlock() throws -> BlockResult {
        var block = try JSONDecoder().decode(BlockResult.self, from: Data(#"{"index": 0, "arms": [], "differences": [[]]}"#.utf8))
        var generator = SplitMix64(seed: 7)
        var arm = try JSONDecoder().decode(ArmResult.self, from: Data(#"{"metrics": [], "series": [], "runValues": []}"#.utf8))
        arm.metrics = Array(repeating: StreamingSummary(), count: metricCount)
        arm.series = Array(repeating: [], count: metricCount)
        for _ in 0..<runs {
            let values = (0..<metricCount).map { _ in Double(generator.next() >> 11) / Double(1 << 53) }
            for (metric, value) in values.enumerated() { arm.metrics[metric].add(value) }
            arm.runValues.append(values)
        }
        block.arms = [arm]
        block.differences = [Array(repeating: StreamingSummary(), count: metricCount)]
        return block
    }

    @Test(arguments: Backend.testable)
    func aThousandRunsOfTwentyMetricsStoreAndReadBackQuickly(_ backend: Backend) async throws {
        let block = try Self.largeBlock()
        let experiment = ExperimentRecord(
            id: "speed", name: "speed", scenario: "synthetic", scenarioFile: "-", scenarioText: "", commandLine: "",
            version: "test", seed: 7, runs: Self.runs, blockSize: Self.runs,
            metrics: (0..<Self.metricCount).map { "metric_\($0)" }, keepsRunValues: true, keepsSeries: false,
            points: [], createdAt: ExperimentRecord.timestamp())
        try await withStore(backend) { store in
            try await store.register(experiment)
            let clock = ContinuousClock()
            let storing = try await clock.measure { try await store.store(block, experiment: "speed", point: 0) }
            let again = try await clock.measure { try await store.store(block, experiment: "speed", point: 0) }
            var stored: [BlockResult] = []
            let reading = try await clock.measure { stored = try await store.blocks(experiment: "speed", point: 0) }
            print("\(backend): storing 1,000 runs × 20 metrics took \(storing), storing it again \(again), reading it back \(reading)")
            #expect(try await store.rowCounts()["runs"] == Self.runs * Self.metricCount)
            #expect(stored == [block])
            #expect(storing < .seconds(30))
        }
    }
}
