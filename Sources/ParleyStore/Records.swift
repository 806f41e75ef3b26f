import ParleyNumerics

/// One experiment as a results store records it: what was run, from which scenario text, with
/// which seed, runs and points, so that a stored result can always be reproduced and resumed.
///
/// The *defining* fields — everything but ``commandLine``, ``scenarioFile``, ``version`` and
/// ``createdAt`` — determine the results. Shards and resumed sweeps register the same experiment
/// again from other machines, paths and command lines; only a difference in a defining field is
/// a conflict (see ``ResultStore/register(_:)``).
public struct ExperimentRecord: Sendable, Codable, Equatable {
    /// A content hash of the experiment definition and the scenario text, computed by the caller.
    public var id: String
    /// The experiment's name.
    public var name: String
    /// The scenario's name.
    public var scenario: String
    /// The file the scenario was read from, as given (`<shipped>/korea-2021.yaml` for shipped ones).
    public var scenarioFile: String
    /// The full YAML text that was run.
    public var scenarioText: String
    /// The SHA-256 of ``scenarioText``'s UTF-8 bytes, in lowercase hexadecimal.
    public var scenarioHash: String
    /// The command line that registered the experiment first.
    public var commandLine: String
    /// Parley's version.
    public var version: String
    /// The seed every arm and point shares.
    public var seed: UInt64
    /// Runs per arm per point.
    public var runs: Int
    /// Runs per block: block `b` holds runs `b × blockSize ..< min(runs, (b + 1) × blockSize)`.
    public var blockSize: Int
    /// The metrics' names: `metrics[m]` names metric `m` of every stored block's arms.
    public var metrics: [String]
    /// Whether per-run metric values are stored (the `runs` table).
    public var keepsRunValues: Bool
    /// Whether per-step summaries of series metrics are kept in the blocks.
    public var keepsSeries: Bool
    /// The experiment's points (parameter settings), each with its arms.
    public var points: [PointRecord]
    /// When the experiment was first registered: ISO 8601, UTC (`2025-01-31T12:00:00Z`).
    public var createdAt: String

    /// Creates a record.
    public init(
        id: String, name: String, scenario: String, scenarioFile: String, scenarioText: String,
        scenarioHash: String? = nil, commandLine: String, version: String, seed: UInt64, runs: Int, blockSize: Int,
        metrics: [String], keepsRunValues: Bool, keepsSeries: Bool, points: [PointRecord], createdAt: String
    ) {
        self.id = id
        self.name = name
        self.scenario = scenario
        self.scenarioFile = scenarioFile
        self.scenarioText = scenarioText
        self.scenarioHash = scenarioHash ?? SHA256.hex(of: scenarioText)
        self.commandLine = commandLine
        self.version = version
        self.seed = seed
        self.runs = runs
        self.blockSize = blockSize
        self.metrics = metrics
        self.keepsRunValues = keepsRunValues
        self.keepsSeries = keepsSeries
        self.points = points
        self.createdAt = createdAt
    }

    /// How many blocks each point's runs make.
    public var blockCount: Int { blockSize > 0 ? (runs + blockSize - 1) / blockSize : 0 }

    /// How many runs block `block` holds (0 outside the experiment).
    public func runsInBlock(_ block: Int) -> Int {
        guard block >= 0, block < blockCount else { return 0 }
        return Swift.min(runs, (block + 1) * blockSize) - block * blockSize
    }

    /// The names of the defining fields in which `other` differs from this record; empty when
    /// both define the same experiment.
    public func definingDifferences(from other: ExperimentRecord) -> [String] {
        var differences: [String] = []
        if id != other.id { differences.append("id") }
        if name != other.name { differences.append("name") }
        if scenario != other.scenario { differences.append("scenario") }
        if scenarioText != other.scenarioText { differences.append("scenarioText") }
        if scenarioHash != other.scenarioHash { differences.append("scenarioHash") }
        if seed != other.seed { differences.append("seed") }
        if runs != other.runs { differences.append("runs") }
        if blockSize != other.blockSize { differences.append("blockSize") }
        if metrics != other.metrics { differences.append("metrics") }
        if keepsRunValues != other.keepsRunValues { differences.append("keepsRunValues") }
        if keepsSeries != other.keepsSeries { differences.append("keepsSeries") }
        if points != other.points { differences.append("points") }
        return differences
    }
}

/// One point of an experiment: a setting of the swept parameters, and the arms run there.
public struct PointRecord: Sendable, Codable, Equatable {
    /// The point's index, from 0.
    public var index: Int
    /// A short label (`deterrence=0.4, patience=0.9`).
    public var label: String
    /// The swept parameters' values at this point.
    public var parameters: [String: Double]
    /// The arms (policy choices) run at this point; arm 0 is the reference for differences.
    public var arms: [ArmRecord]

    /// Creates a point.
    public init(index: Int, label: String, parameters: [String: Double], arms: [ArmRecord]) {
        self.index = index
        self.label = label
        self.parameters = parameters
        self.arms = arms
    }
}

/// One arm of a point: a name and the policy each actor follows.
public struct ArmRecord: Sendable, Codable, Equatable {
    /// The arm's index within its point, from 0.
    public var index: Int
    /// The arm's name (`calibrated`).
    public var name: String
    /// Actor → policy name.
    public var policies: [String: String]

    /// Creates an arm.
    public init(index: Int, name: String, policies: [String: String]) {
        self.index = index
        self.name = name
        self.policies = policies
    }
}

/// One human-readable row of results: how one metric fared in one arm of one point, and
/// against the point's reference arm. Derived from the blocks; rewritten whenever they change.
///
/// Values that cannot be computed (a standard deviation of one run, NaN outcomes) are nil, and
/// stored as SQL NULL.
public struct SummaryRow: Sendable, Codable, Equatable {
    /// The experiment's id.
    public var experiment: String
    /// The point's index.
    public var point: Int
    /// The arm's index.
    public var arm: Int
    /// The arm's name.
    public var armName: String
    /// The metric's name.
    public var metric: String
    /// How many runs the row summarises.
    public var count: Int
    /// The mean over runs.
    public var mean: Double?
    /// The sample standard deviation over runs.
    public var sd: Double?
    /// The 10th, 50th and 90th percentiles over runs.
    public var p10: Double?, p50: Double?, p90: Double?
    /// The smallest and largest value over runs.
    public var min: Double?, max: Double?
    /// The mean paired difference from the reference arm (nil for the reference itself).
    public var difference: Double?
    /// The 95% confidence interval of ``difference`` (Student's t over paired runs).
    public var differenceLower: Double?, differenceUpper: Double?

    /// Creates a row from its values.
    public init(
        experiment: String, point: Int, arm: Int, armName: String, metric: String, count: Int,
        mean: Double?, sd: Double?, p10: Double?, p50: Double?, p90: Double?, min: Double?, max: Double?,
        difference: Double? = nil, differenceLower: Double? = nil, differenceUpper: Double? = nil
    ) {
        self.experiment = experiment
        self.point = point
        self.arm = arm
        self.armName = armName
        self.metric = metric
        self.count = count
        self.mean = mean
        self.sd = sd
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
        self.min = min
        self.max = max
        self.difference = difference
        self.differenceLower = differenceLower
        self.differenceUpper = differenceUpper
    }

    /// Creates a row from an arm's summary of one metric and, for arms other than the
    /// reference, the summary of its paired differences from the reference arm.
    ///
    /// ```swift
    /// let row = SummaryRow(experiment: id, point: 0, arm: 1, armName: "grit", metric: "tension",
    ///                      summary: merged.arms[1].metrics[0], difference: merged.differences[1][0])
    /// ```
    public init(
        experiment: String, point: Int, arm: Int, armName: String, metric: String,
        summary: StreamingSummary, difference: StreamingSummary? = nil
    ) {
        let interval = difference.map { $0.meanConfidenceInterval(level: 0.95) }
        self.init(
            experiment: experiment, point: point, arm: arm, armName: armName, metric: metric, count: summary.count,
            mean: nilIfNaN(summary.mean), sd: nilIfNaN(summary.standardDeviation),
            p10: nilIfNaN(summary.quantile(0.1)), p50: nilIfNaN(summary.quantile(0.5)), p90: nilIfNaN(summary.quantile(0.9)),
            min: nilIfNaN(summary.minimum), max: nilIfNaN(summary.maximum),
            difference: difference.flatMap { nilIfNaN($0.mean) },
            differenceLower: interval.flatMap { nilIfNaN($0.lower) }, differenceUpper: interval.flatMap { nilIfNaN($0.upper) })
    }
}

/// `value`, or nil when it is NaN: SQL has no NaN (SQLite turns it into NULL anyway).
func nilIfNaN(_ value: Double) -> Double? { value.isNaN ? nil : value }
