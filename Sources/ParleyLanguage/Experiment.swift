/// An experiment: a scenario, the arms compared on common random numbers, the points of a
/// parameter sweep, and what to keep. Read from an `experiment.yaml` by ``ExperimentLoader``.
///
/// ```yaml
/// parley-experiment: 1
/// name: sanctions sweep
/// scenario: korea-2021
/// seed: 7
/// runs: 2000
/// arms: { actor: us, policies: [calibrated, strategic_patience] }
/// sweep:
///   grid: { sanctions_2021: [0.8, 0.9, 1.0] }
/// keep: summaries
/// ```
public struct Experiment: Sendable, Hashable {
    /// One arm: a name and the policies it sets (actor → policy), by name.
    public struct Arm: Sendable, Hashable {
        /// The arm's name.
        public var name: String
        /// Policies by actor name.
        public var policies: [String: String]

        /// Creates an arm.
        public init(name: String, policies: [String: String]) {
            self.name = name
            self.policies = policies
        }
    }

    /// How the sweep's points are made.
    public enum Sweep: Sendable, Hashable {
        /// One point: the scenario's values (and the fixed overrides).
        case none
        /// Every combination of the listed values.
        case grid([(name: String, values: [Double])])
        /// The i-th point takes the i-th value of every list (all lists have the same length).
        case lists([(name: String, values: [Double])])
        /// Latin hypercube samples over the named parameters' distributions.
        case latinHypercube(samples: Int, parameters: [String])

        public static func == (lhs: Sweep, rhs: Sweep) -> Bool { lhs.canonical == rhs.canonical }
        public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }

        /// A text that identifies the sweep exactly.
        public var canonical: String {
            func list(_ entries: [(name: String, values: [Double])]) -> String {
                entries.map { "\($0.name)=\($0.values.map { String($0) }.joined(separator: ","))" }.joined(separator: ";")
            }
            switch self {
            case .none: return "none"
            case let .grid(entries): return "grid:" + list(entries)
            case let .lists(entries): return "lists:" + list(entries)
            case let .latinHypercube(samples, parameters): return "lhs:\(samples):" + parameters.joined(separator: ",")
            }
        }
    }

    /// The experiment's name.
    public var name: String
    /// The scenario file or shipped scenario's name, as written.
    public var scenario: String
    /// The seed shared by every arm and point.
    public var seed: UInt64
    /// Runs per arm per point.
    public var runs: Int
    /// Runs per stored block (the unit of sharding and resumption).
    public var blockSize: Int
    /// Whether uncertain parameters are drawn once per run.
    public var uncertainty: Bool
    /// The arms (at least one).
    public var arms: [Arm]
    /// Parameter values fixed in every arm and point.
    public var fixed: [String: Double]
    /// The sweep.
    public var sweep: Sweep
    /// The metrics to keep (empty: all).
    public var metrics: [String]
    /// Whether per-run rows are stored (otherwise only block summaries).
    public var keepsRunValues: Bool
    /// Whether series metrics are stored.
    public var keepsSeries: Bool

    /// Creates an experiment; `blockSize` defaults to max(1,000, runs / 64).
    public init(
        name: String, scenario: String, seed: UInt64 = 1, runs: Int = 1000, blockSize: Int? = nil, uncertainty: Bool = true,
        arms: [Arm] = [Arm(name: "default", policies: [:])], fixed: [String: Double] = [:], sweep: Sweep = .none,
        metrics: [String] = [], keepsRunValues: Bool = false, keepsSeries: Bool = false
    ) {
        self.name = name
        self.scenario = scenario
        self.seed = seed
        self.runs = runs
        self.blockSize = blockSize ?? Swift.max(1000, (runs + 63) / 64)
        self.uncertainty = uncertainty
        self.arms = arms
        self.fixed = fixed
        self.sweep = sweep
        self.metrics = metrics
        self.keepsRunValues = keepsRunValues
        self.keepsSeries = keepsSeries
    }

    /// A text that identifies the experiment's definition exactly (for its content hash).
    public var canonical: String {
        [
            "name=\(name)", "scenario=\(scenario)", "seed=\(seed)", "runs=\(runs)", "block=\(blockSize)",
            "uncertainty=\(uncertainty)",
            "arms=" + arms.map { "\($0.name):" + $0.policies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
                .joined(separator: ";"),
            "fixed=" + fixed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
            "sweep=" + sweep.canonical, "metrics=" + metrics.joined(separator: ","),
            "runValues=\(keepsRunValues)", "series=\(keepsSeries)",
        ].joined(separator: "\n")
    }
}
