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
        let scenario = simulation.scenario
        var total = Accumulator(scenario: scenario, keepsRunValues: options.keepsRunValues)
        let blockCount = (options.runs + options.blockSize - 1) / options.blockSize
        let blocksPerTask = 4
        var nextBlock = 0
        while nextBlock < blockCount {
            let waveStart = nextBlock
            let waveEnd = Swift.min(blockCount, waveStart + options.threads * blocksPerTask)
            let results: [Int: Result<[Accumulator], RunError>] = await withTaskGroup(
                of: (Int, Result<[Accumulator], RunError>).self
            ) { group in
                var first = waveStart
                var task = 0
                while first < waveEnd {
                    let last = Swift.min(waveEnd, first + blocksPerTask)
                    let range = first..<last
                    let taskIndex = task
                    group.addTask {
                        (taskIndex, Result { () throws(RunError) -> [Accumulator] in
                            try runBlocks(range, simulation: simulation, options: options)
                        })
                    }
                    first = last
                    task += 1
                }
                var collected: [Int: Result<[Accumulator], RunError>] = [:]
                for await (task, result) in group { collected[task] = result }
                return collected
            }
            for task in results.keys.sorted() {
                switch results[task] {
                case let .success(blocks)?:
                    for block in blocks { total.merge(block) }
                case let .failure(error)?:
                    throw error
                case nil:
                    break
                }
            }
            nextBlock = waveEnd
            progress?(Swift.min(options.runs, nextBlock * options.blockSize))
        }
        return total.summary(scenario: scenario, runs: options.runs, seed: simulation.configuration.seed)
    }

    private static func runBlocks(_ blocks: Range<Int>, simulation: Simulation, options: EnsembleOptions) throws(RunError) -> [Accumulator] {
        let workspace = simulation.makeWorkspace()
        var results: [Accumulator] = []
        for block in blocks {
            var accumulator = Accumulator(scenario: simulation.scenario, keepsRunValues: options.keepsRunValues)
            let start = block * options.blockSize
            let end = Swift.min(options.runs, start + options.blockSize)
            for offset in start..<end {
                try simulation.run(index: options.firstRun + offset, in: workspace)
                accumulator.add(workspace: workspace, scenario: simulation.scenario)
            }
            results.append(accumulator)
        }
        return results
    }
}

/// Streaming aggregation of runs: per-metric summaries and per-step series summaries.
struct Accumulator: Sendable {
    var metrics: [StreamingSummary]
    var series: [[StreamingSummary]]
    var runValues: [[Double]]
    let keepsRunValues: Bool

    init(scenario: Scenario, keepsRunValues: Bool) {
        metrics = Array(repeating: StreamingSummary(), count: scenario.metrics.count)
        series = scenario.metrics.map { metric in
            metric.kind == .series ? Array(repeating: StreamingSummary(), count: scenario.clock.steps) : []
        }
        runValues = []
        self.keepsRunValues = keepsRunValues
    }

    mutating func add(workspace: Workspace, scenario: Scenario) {
        let count = scenario.metrics.count
        for metric in 0..<count {
            metrics[metric].add(workspace.metricValues[metric])
            if !series[metric].isEmpty {
                for step in 0..<scenario.clock.steps {
                    series[metric][step].add(workspace.seriesValues[step * count + metric])
                }
            }
        }
        if keepsRunValues { runValues.append(Array(workspace.metricValues)) }
    }

    mutating func merge(_ other: Accumulator) {
        for metric in metrics.indices {
            metrics[metric].merge(other.metrics[metric])
            for step in series[metric].indices { series[metric][step].merge(other.series[metric][step]) }
        }
        runValues += other.runValues
    }

    func summary(scenario: Scenario, runs: Int, seed: UInt64) -> EnsembleSummary {
        EnsembleSummary(
            scenario: scenario.name, runs: runs, seed: seed,
            metrics: scenario.metrics.enumerated().map { index, metric in
                MetricSummary(name: metric.name, kind: metric.kind, unit: metric.provenance.unit,
                              summary: metrics[index], series: series[index])
            },
            stepLabels: (0..<scenario.clock.steps).map { scenario.clock.label(ofStep: $0) },
            runValues: runValues)
    }
}
