import Foundation
import ParleyEngine
import ParleyLanguage
import ParleyNumerics
import ParleyStore

/// What one invocation of a sweep did.
public struct SweepOutcome: Sendable, Equatable {
    /// The experiment's id in the store.
    public var experiment: String
    /// Blocks run and stored by this invocation.
    public var blocksRun: Int
    /// Blocks of this shard that the store already held (from an earlier, interrupted run).
    public var blocksSkipped: Int
    /// Blocks of this shard in all.
    public var blocksInShard: Int
}

/// Runs an experiment (or one shard of it) into a results store, block by block: each finished
/// block is stored in one transaction, and blocks already stored are skipped, so re-running a
/// shard or resuming after a crash neither loses nor duplicates a run.
public struct SweepRunner: Sendable {
    /// The experiment.
    public let experiment: Experiment
    /// Its scenario, compiled.
    public let scenario: Scenario
    /// The scenario's text, stored with the experiment.
    public let scenarioText: String
    /// The sweep's points.
    public let points: [SweepPoint]

    /// Prepares a sweep; checks the experiment's names against the scenario.
    public init(experiment: Experiment, scenario: Scenario, scenarioText: String) throws(RunConfiguration.Problem) {
        self.experiment = experiment
        self.scenario = scenario
        self.scenarioText = scenarioText
        points = SweepPlan.points(of: experiment, scenario: scenario)
        for point in points { _ = try SweepPlan.simulations(of: experiment, at: point, scenario: scenario) }
    }

    /// The experiment's id: a SHA-256 of its definition and its scenario's text, so that the same
    /// experiment run again (another shard, a resumption) lands in the same place.
    public var id: String {
        String(SHA256.hex(of: experiment.canonical + "\n--\n" + scenarioText).prefix(16))
    }

    /// The record the store keeps.
    public func record(commandLine: String, version: String) -> ExperimentRecord {
        let formatter = ISO8601DateFormatter()
        return ExperimentRecord(
            id: id, name: experiment.name, scenario: scenario.name, scenarioFile: scenario.file, scenarioText: scenarioText,
            scenarioHash: SHA256.hex(of: scenarioText), commandLine: commandLine, version: version, seed: experiment.seed,
            runs: experiment.runs, blockSize: experiment.blockSize, metrics: scenario.metrics.map(\.name),
            keepsRunValues: experiment.keepsRunValues, keepsSeries: experiment.keepsSeries,
            points: points.map { point in
                PointRecord(index: point.index, label: point.label, parameters: point.parameters,
                            arms: experiment.arms.enumerated().map { ArmRecord(index: $0.offset, name: $0.element.name, policies: $0.element.policies) })
            },
            createdAt: formatter.string(from: Date()))
    }

    /// The ensemble options of every point.
    var options: EnsembleOptions {
        EnsembleOptions(runs: experiment.runs, threads: 1, blockSize: experiment.blockSize, keepsRunValues: experiment.keepsRunValues)
    }

    /// How many blocks shard `shard` of `shardCount` holds.
    public func blockCount(shard: Int, of shardCount: Int) -> Int {
        SweepPlan.work(points: points.count, blocksPerPoint: options.blockCount, shard: shard, of: shardCount).count
    }

    /// Runs shard `shard` of `shardCount` (0-based) into `store`.
    ///
    /// - Parameter progress: called with (blocks done, blocks in this shard) after each block.
    public func run(into store: any ResultStore, shard: Int = 0, of shardCount: Int = 1, threads: Int, commandLine: String,
                    version: String, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> SweepOutcome {
        try await store.register(record(commandLine: commandLine, version: version))
        var options = self.options
        options.threads = threads
        let work = SweepPlan.work(points: points.count, blocksPerPoint: options.blockCount, shard: shard, of: shardCount)
        var outcome = SweepOutcome(experiment: id, blocksRun: 0, blocksSkipped: 0, blocksInShard: work.count)
        for point in points {
            let stored = try await store.storedBlocks(experiment: id, point: point.index)
            let mine = work.filter { $0.point == point.index }.map(\.block)
            let missing = mine.filter { !stored.contains($0) }
            outcome.blocksSkipped += mine.count - missing.count
            guard !missing.isEmpty else { continue }
            let simulations = try SweepPlan.simulations(of: experiment, at: point, scenario: scenario)
            var failure: (any Error)?
            let done = outcome.blocksRun + outcome.blocksSkipped
            var finished = 0
            try await Ensemble.runBlocks(simulations, blocks: missing, options: options, keepsSeries: experiment.keepsSeries) { block in
                guard failure == nil else { return }
                do {
                    try await store.store(block, experiment: id, point: point.index)
                    finished += 1
                    progress?(done + finished, work.count)
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            outcome.blocksRun += finished
        }
        return outcome
    }

    /// The summary of every point from the store: all blocks merged in index order, or nil for a
    /// point whose blocks are not all there yet.
    public func summaries(from store: any ResultStore) async throws -> [(point: SweepPoint, summary: PairedSummary?)] {
        var result: [(point: SweepPoint, summary: PairedSummary?)] = []
        for point in points {
            let blocks = try await store.blocks(experiment: id, point: point.index)
            let simulations = try SweepPlan.simulations(of: experiment, at: point, scenario: scenario)
            guard blocks.map(\.index) == Array(0..<options.blockCount) else {
                result.append((point, nil))
                continue
            }
            var merged = BlockResult(index: 0, simulations: simulations, keepsSeries: experiment.keepsSeries)
            for block in blocks { merged.merge(block) }
            result.append((point, PairedSummary(merged: merged, simulations: simulations, runs: experiment.runs)))
        }
        return result
    }
}
