import ParleyAnalysis
import ParleyEngine
import ParleyLanguage
import ParleyStore

/// An experiment read back from a results store: its scenario recompiled from the stored text,
/// and every point's blocks merged in index order.
public struct StoredExperiment: Sendable {
    /// The stored record.
    public let record: ExperimentRecord
    /// The scenario, compiled from the text stored with the experiment.
    public let scenario: Scenario

    /// Recompiles the stored scenario text (`extends:` resolves through `loader`).
    public init(record: ExperimentRecord, loader: ScenarioLoader) throws(ScenarioError) {
        self.record = record
        scenario = try loader.load(text: record.scenarioText, file: record.scenarioFile)
    }

    /// One point's comparison of its arms, or nil when some of its blocks are missing.
    public struct PointResult: Sendable {
        /// The point.
        public var point: PointRecord
        /// The comparison (the first arm is the reference), if every block is stored.
        public var comparison: PolicyComparisonResult?
        /// Blocks stored and expected.
        public var blocksStored: Int, blocksExpected: Int
    }

    /// Every point's result, merged from the store's blocks in index order; identical to a
    /// single-process run of the same experiment.
    public func results(from store: any ResultStore) async throws -> [PointResult] {
        let expected = (record.runs + record.blockSize - 1) / record.blockSize
        var results: [PointResult] = []
        for point in record.points {
            let blocks = try await store.blocks(experiment: record.id, point: point.index)
            var result = PointResult(point: point, comparison: nil, blocksStored: blocks.count, blocksExpected: expected)
            if blocks.map(\.index) == Array(0..<expected) {
                let simulations = point.arms.map { _ in
                    Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: record.seed))
                }
                var merged = BlockResult(index: 0, simulations: simulations, keepsSeries: record.keepsSeries)
                for block in blocks { merged.merge(block) }
                let paired = PairedSummary(merged: merged, simulations: simulations, runs: record.runs)
                result.comparison = PolicyComparison.result(scenario, arms: point.arms.map(\.name), paired: paired,
                                                            runs: record.runs, seed: record.seed)
            }
            results.append(result)
        }
        return results
    }

    /// Summary rows for the store's `summaries` table.
    public static func summaryRows(experiment: String, point: Int, comparison: PolicyComparisonResult) -> [SummaryRow] {
        var rows: [SummaryRow] = []
        for (metricIndex, metric) in comparison.metrics.enumerated() {
            for (arm, outcome) in metric.outcomes.enumerated() {
                let summary = comparison.paired.arms[arm].metrics[metricIndex].summary
                func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
                rows.append(SummaryRow(
                    experiment: experiment, point: point, arm: arm, armName: outcome.arm, metric: metric.metric, count: summary.count,
                    mean: finite(summary.mean), sd: finite(summary.standardDeviation), p10: finite(summary.quantile(0.1)),
                    p50: finite(summary.quantile(0.5)), p90: finite(summary.quantile(0.9)), min: finite(summary.minimum),
                    max: finite(summary.maximum), difference: outcome.difference.flatMap(finite),
                    differenceLower: outcome.differenceInterval.flatMap { finite($0.lower) },
                    differenceUpper: outcome.differenceInterval.flatMap { finite($0.upper) }))
            }
        }
        return rows
    }
}
