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

/// Several arms of one experiment run with common random numbers, and their paired differences.
public struct PairedSummary: Sendable, Equatable {
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
        var total = PairedAccumulator(simulations: simulations, keepsRunValues: options.keepsRunValues)
        let blockCount = (options.runs + options.blockSize - 1) / options.blockSize
        let blocksPerTask = 4
        var nextBlock = 0
        while nextBlock < blockCount {
            let waveStart = nextBlock
            let waveEnd = Swift.min(blockCount, waveStart + options.threads * blocksPerTask)
            let results: [Int: Result<[PairedAccumulator], RunError>] = await withTaskGroup(
                of: (Int, Result<[PairedAccumulator], RunError>).self
            ) { group in
                var first = waveStart
                var task = 0
                while first < waveEnd {
                    let last = Swift.min(waveEnd, first + blocksPerTask)
                    let range = first..<last
                    let taskIndex = task
                    group.addTask {
                        (taskIndex, Result { () throws(RunError) -> [PairedAccumulator] in
                            try runBlocks(range, simulations: simulations, options: options)
                        })
                    }
                    first = last
                    task += 1
                }
                var collected: [Int: Result<[PairedAccumulator], RunError>] = [:]
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
        return PairedSummary(
            arms: zip(total.arms, simulations).map { accumulator, simulation in
                accumulator.summary(scenario: simulation.scenario, runs: options.runs, seed: simulation.configuration.seed)
            },
            differences: total.differences)
    }

    private static func runBlocks(_ blocks: Range<Int>, simulations: [Simulation], options: EnsembleOptions)
        throws(RunError) -> [PairedAccumulator]
    {
        let workspaces = simulations.map { $0.makeWorkspace() }
        var results: [PairedAccumulator] = []
        for block in blocks {
            var accumulator = PairedAccumulator(simulations: simulations, keepsRunValues: options.keepsRunValues)
            let start = block * options.blockSize
            let end = Swift.min(options.runs, start + options.blockSize)
            for offset in start..<end {
                for (arm, simulation) in simulations.enumerated() {
                    try simulation.run(index: options.firstRun + offset, in: workspaces[arm])
                }
                accumulator.add(workspaces: workspaces, scenario: simulations[0].scenario)
            }
            results.append(accumulator)
        }
        return results
    }
}

/// Per-arm accumulators and the paired differences from the first arm.
struct PairedAccumulator: Sendable {
    var arms: [Accumulator]
    var differences: [[StreamingSummary]]

    init(simulations: [Simulation], keepsRunValues: Bool) {
        arms = simulations.map { Accumulator(scenario: $0.scenario, keepsRunValues: keepsRunValues) }
        let metricCount = simulations.first?.scenario.metrics.count ?? 0
        differences = simulations.map { _ in Array(repeating: StreamingSummary(), count: metricCount) }
    }

    mutating func add(workspaces: [Workspace], scenario: Scenario) {
        for arm in arms.indices {
            arms[arm].add(workspace: workspaces[arm], scenario: scenario)
            guard arm > 0 else { continue }
            for metric in differences[arm].indices {
                differences[arm][metric].add(workspaces[arm].metricValues[metric] - workspaces[0].metricValues[metric])
            }
        }
    }

    mutating func merge(_ other: PairedAccumulator) {
        for arm in arms.indices {
            arms[arm].merge(other.arms[arm])
            for metric in differences[arm].indices { differences[arm][metric].merge(other.differences[arm][metric]) }
        }
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
