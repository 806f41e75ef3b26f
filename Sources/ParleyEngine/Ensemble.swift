import Dispatch
import ParleyLanguage
import ParleyNumerics

/// How an ensemble is run.
public struct EnsembleOptions: Sendable, Hashable {
    /// How many runs.
    public var runs: Int
    /// The index of the first run (for shards: runs `firstRun ..< firstRun + runs`).
    public var firstRun: Int
    /// How many runs execute at once. Results do not depend on it.
    public var threads: Int
    /// Runs per block: the unit of work and of merging. Results do not depend on thread count
    /// because blocks are always merged in index order.
    public var blockSize: Int
    /// Whether to keep every run's metric values (memory grows with runs).
    public var keepsRunValues: Bool

    /// How many blocks the runs make.
    public var blockCount: Int { (runs + blockSize - 1) / blockSize }

    /// Creates options.
    public init(runs: Int, firstRun: Int = 0, threads: Int = 1, blockSize: Int = 64, keepsRunValues: Bool = false) {
        self.runs = runs
        self.firstRun = firstRun
        self.threads = Swift.max(1, threads)
        self.blockSize = Swift.max(1, blockSize)
        self.keepsRunValues = keepsRunValues
    }
}

/// The distribution of one metric over an ensemble.
public struct MetricSummary: Sendable, Equatable {
    /// The metric's name.
    public var name: String
    /// How the metric aggregates within a run.
    public var kind: Metric.Kind
    /// Its unit, if declared.
    public var unit: String?
    /// The per-run values (for series, the last step's value).
    public var summary: StreamingSummary
    /// For series metrics, one summary per step; empty otherwise.
    public var series: [StreamingSummary]
    /// For metrics with `per:`, the clock's periods; nil otherwise.
    public var periodGrid: PeriodGrid? = nil
    /// For metrics with `per:`, one summary per period (in the order of ``periodGrid``); empty otherwise.
    public var periods: [StreamingSummary] = []
}

/// What an ensemble produced: per-metric summaries, and per-run values when asked.
public struct EnsembleSummary: Sendable, Equatable {
    /// The scenario's name.
    public var scenario: String
    /// How many runs were made.
    public var runs: Int
    /// The seed.
    public var seed: UInt64
    /// One summary per metric, in declaration order.
    public var metrics: [MetricSummary]
    /// The label of each step (`2021-05`, or `step 0`).
    public var stepLabels: [String]
    /// Per run (in run order), the value of each metric; empty unless kept.
    public var runValues: [[Double]]
    /// Per run (in run order), the values of every metric with `per:`, metric after metric and
    /// period after period (see ``periodValues(run:metric:)``); empty unless run values are kept.
    public var runPeriodValues: [[Double]] = []

    /// Run `run`'s values of metric `metric` per period (empty for a metric without `per:`, or
    /// when run values were not kept).
    public func periodValues(run: Int, metric: Int) -> ArraySlice<Double> {
        guard run < runPeriodValues.count, metrics[metric].periodGrid != nil else { return [] }
        let start = metrics[..<metric].reduce(0) { $0 + $1.periods.count }
        return runPeriodValues[run][start..<start + metrics[metric].periods.count]
    }
}

/// Several arms of one experiment run with common random numbers, and their paired differences.
public struct PairedSummary: Sendable, Equatable {
    /// The summary of `merged`, every block of an experiment merged in block order.
    public init(merged: BlockResult, simulations: [Simulation], runs: Int) {
        arms = zip(merged.arms, simulations).map { arm, simulation in
            arm.summary(scenario: simulation.scenario, runs: runs, seed: simulation.configuration.seed)
        }
        differences = merged.differences
    }

    /// One summary per arm, in the order given.
    public var arms: [EnsembleSummary]
    /// Per arm and metric, the distribution over runs of (this arm's value − the first arm's value)
    /// for the same run index. The first arm's list holds empty summaries (it is the reference).
    public var differences: [[StreamingSummary]]
}

/// Runs many runs of a simulation in parallel and aggregates them as they finish.
///
/// ```swift
/// let simulation = Simulation(scenario: scenario, configuration: RunConfiguration(scenario: scenario, seed: 42))
/// let summary = try await Ensemble.run(simulation, options: EnsembleOptions(runs: 10_000, threads: 2))
/// ```
public enum Ensemble {
    /// Runs the ensemble. Memory stays flat in the number of runs unless `keepsRunValues`.
    ///
    /// - Parameter progress: called with the number of runs finished, after each wave of blocks.
    /// - Throws: ``RunError`` from the first run (in run order) that fails.
    public static func run(
        _ simulation: Simulation, options: EnsembleOptions, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws(RunError) -> EnsembleSummary {
        let paired = try await runPaired([simulation], options: options, progress: progress)
        return paired.arms[0]
    }

    /// Runs every simulation (arm) for the same run indices — run `i` of each arm uses the same
    /// seed-derived streams, so the arms share parameter draws and random events — and
    /// aggregates each arm and each arm's paired difference from the first.
    ///
    /// The arms must be configurations of one scenario (the same metrics).
    public static func runPaired(
        _ simulations: [Simulation], options: EnsembleOptions, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws(RunError) -> PairedSummary {
        var total = BlockResult(index: 0, simulations: simulations)
        let blocks = Array(0..<options.blockCount)
        try await runBlocks(simulations, blocks: blocks, options: options) { block in
            total.merge(block)
            progress?(Swift.min(options.runs, (block.index + 1) * options.blockSize))
        }
        return PairedSummary(merged: total, simulations: simulations, runs: options.runs)
    }

    /// Runs the given blocks of every arm and hands each finished block to `receive`, in the order
    /// of `blocks`. Results of a block depend only on the simulations, the block's index and the
    /// options' block size and run count: a sharded or resumed experiment that runs each block once
    /// and merges all blocks in index order gets exactly the summaries of one uninterrupted run.
    ///
    /// - Parameters:
    ///   - blocks: block indices (each below `options.blockCount`), e.g. one shard's, or the ones a
    ///     store does not hold yet.
    ///   - receive: called on the caller's task, one block at a time; storing the block is its job.
    public static func runBlocks(
        _ simulations: [Simulation], blocks: [Int], options: EnsembleOptions, keepsSeries: Bool = true,
        receive: (BlockResult) async -> Void
    ) async throws(RunError) {
        let blocksPerTask = 4
        var next = 0
        while next < blocks.count {
            let wave = Array(blocks[next..<Swift.min(blocks.count, next + options.threads * blocksPerTask)])
            let results: [Int: Result<[BlockResult], RunError>] = await withTaskGroup(
                of: (Int, Result<[BlockResult], RunError>).self
            ) { group in
                var task = 0
                for first in stride(from: 0, to: wave.count, by: blocksPerTask) {
                    let chunk = Array(wave[first..<Swift.min(wave.count, first + blocksPerTask)])
                    let taskIndex = task
                    group.addTask {
                        // The blocks run on a Dispatch worker, not on the cooperative pool: a long
                        // synchronous computation there would starve other tasks (network I/O to a
                        // results store, time limits) for as long as it runs.
                        let result = await withCheckedContinuation { continuation in
                            DispatchQueue.global(qos: .userInitiated).async {
                                continuation.resume(returning: Result { () throws(RunError) -> [BlockResult] in
                                    try run(blocks: chunk, simulations: simulations, options: options, keepsSeries: keepsSeries)
                                })
                            }
                        }
                        return (taskIndex, result)
                    }
                    task += 1
                }
                var collected: [Int: Result<[BlockResult], RunError>] = [:]
                for await (task, result) in group { collected[task] = result }
                return collected
            }
            for task in results.keys.sorted() {
                switch results[task] {
                case let .success(finished)?:
                    for block in finished { await receive(block) }
                case let .failure(error)?:
                    throw error
                case nil:
                    break
                }
            }
            next += wave.count
        }
    }

    private static func run(blocks: [Int], simulations: [Simulation], options: EnsembleOptions, keepsSeries: Bool)
        throws(RunError) -> [BlockResult]
    {
        let workspaces = simulations.map { $0.makeWorkspace() }
        var results: [BlockResult] = []
        for index in blocks {
            var block = BlockResult(index: index, simulations: simulations, keepsSeries: keepsSeries)
            let start = index * options.blockSize
            let end = Swift.min(options.runs, start + options.blockSize)
            for offset in start..<end {
                for (arm, simulation) in simulations.enumerated() {
                    try simulation.run(index: options.firstRun + offset, in: workspaces[arm])
                }
                block.add(workspaces: workspaces, scenario: simulations[0].scenario, keepsRunValues: options.keepsRunValues)
            }
            results.append(block)
        }
        return results
    }
}

/// One block of runs of every arm: the unit of work, of merging and of storage. Block `b`
/// holds runs `b × blockSize ..< (b + 1) × blockSize` of every arm.
public struct BlockResult: Sendable, Codable, Equatable {
    /// The block's index.
    public var index: Int
    /// One result per arm.
    public var arms: [ArmResult]
    /// Per arm and metric, the paired differences from the first arm (empty for the first).
    public var differences: [[StreamingSummary]]

    /// An empty block for `simulations`.
    public init(index: Int, simulations: [Simulation], keepsSeries: Bool = true) {
        self.index = index
        arms = simulations.map { ArmResult(scenario: $0.scenario, keepsSeries: keepsSeries) }
        let metricCount = simulations.first?.scenario.metrics.count ?? 0
        differences = simulations.map { _ in Array(repeating: StreamingSummary(), count: metricCount) }
    }

    mutating func add(workspaces: [Workspace], scenario: Scenario, keepsRunValues: Bool) {
        for arm in arms.indices {
            arms[arm].add(workspace: workspaces[arm], scenario: scenario, keepsRunValues: keepsRunValues)
            guard arm > 0 else { continue }
            for metric in differences[arm].indices {
                differences[arm][metric].add(workspaces[arm].metricValues[metric] - workspaces[0].metricValues[metric])
            }
        }
    }

    /// Adds `other`'s runs after this block's.
    public mutating func merge(_ other: BlockResult) {
        for arm in arms.indices {
            arms[arm].merge(other.arms[arm])
            for metric in differences[arm].indices { differences[arm][metric].merge(other.differences[arm][metric]) }
        }
    }
}

/// The aggregated runs of one arm: per-metric summaries, per-step series summaries, and (when
/// kept) every run's metric values. Blocks of runs are aggregated into one of these and merged in
/// block order, which makes results independent of threads, shards and resumption.
public struct ArmResult: Sendable, Codable, Equatable {
    /// One summary per metric, in declaration order.
    public var metrics: [StreamingSummary]
    /// For series metrics, one summary per step; empty for the others.
    public var series: [[StreamingSummary]]
    /// For metrics with `per:`, one summary per period; empty for the others.
    public var periods: [[StreamingSummary]]
    /// Per run (in run order), the value of each metric; empty unless kept.
    public var runValues: [[Double]]
    /// Per run (in run order), the period values of every metric with `per:`, in metric order;
    /// empty unless run values are kept.
    public var runPeriodValues: [[Double]]

    /// An empty result for `scenario`; series are kept only when `keepsSeries`.
    public init(scenario: Scenario, keepsSeries: Bool = true) {
        metrics = Array(repeating: StreamingSummary(), count: scenario.metrics.count)
        series = scenario.metrics.map { metric in
            metric.kind == .series && keepsSeries ? Array(repeating: StreamingSummary(), count: scenario.clock.steps) : []
        }
        periods = scenario.metrics.map { Array(repeating: StreamingSummary(), count: $0.periodCount) }
        runValues = []
        runPeriodValues = []
    }

    enum CodingKeys: String, CodingKey {
        case metrics, series, periods, runValues, runPeriodValues
    }

    /// Decodes a result; blocks stored before period metrics existed have no `periods`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metrics = try container.decode([StreamingSummary].self, forKey: .metrics)
        series = try container.decode([[StreamingSummary]].self, forKey: .series)
        periods = try container.decodeIfPresent([[StreamingSummary]].self, forKey: .periods) ?? metrics.map { _ in [] }
        runValues = try container.decode([[Double]].self, forKey: .runValues)
        runPeriodValues = try container.decodeIfPresent([[Double]].self, forKey: .runPeriodValues) ?? []
    }

    mutating func add(workspace: Workspace, scenario: Scenario, keepsRunValues: Bool) {
        let count = scenario.metrics.count
        var slot = 0
        for metric in 0..<count {
            metrics[metric].add(workspace.metricValues[metric])
            if !series[metric].isEmpty {
                for step in 0..<scenario.clock.steps {
                    series[metric][step].add(workspace.seriesValues[step * count + metric])
                }
            }
            for period in periods[metric].indices {
                periods[metric][period].add(workspace.periodValues[slot])
                slot += 1
            }
        }
        if keepsRunValues {
            runValues.append(Array(workspace.metricValues))
            if !workspace.periodValues.isEmpty { runPeriodValues.append(Array(workspace.periodValues)) }
        }
    }

    /// Adds `other`'s runs after this one's.
    public mutating func merge(_ other: ArmResult) {
        for metric in metrics.indices {
            metrics[metric].merge(other.metrics[metric])
            for step in series[metric].indices where step < other.series[metric].count {
                series[metric][step].merge(other.series[metric][step])
            }
            guard metric < periods.count, metric < other.periods.count else { continue }
            for period in periods[metric].indices where period < other.periods[metric].count {
                periods[metric][period].merge(other.periods[metric][period])
            }
        }
        runValues += other.runValues
        runPeriodValues += other.runPeriodValues
    }

    /// The ensemble summary of these runs.
    public func summary(scenario: Scenario, runs: Int, seed: UInt64) -> EnsembleSummary {
        EnsembleSummary(
            scenario: scenario.name, runs: runs, seed: seed,
            metrics: scenario.metrics.enumerated().map { index, metric in
                MetricSummary(name: metric.name, kind: metric.kind, unit: metric.provenance.unit,
                              summary: metrics[index], series: series[index], periodGrid: metric.periods,
                              periods: index < periods.count ? periods[index] : [])
            },
            stepLabels: (0..<scenario.clock.steps).map { scenario.clock.label(ofStep: $0) },
            runValues: runValues, runPeriodValues: runPeriodValues)
    }
}
